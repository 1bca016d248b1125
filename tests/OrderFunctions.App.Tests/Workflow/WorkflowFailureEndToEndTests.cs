using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Tests.Workflow;

/// <summary>Failing platforms through the standalone runtime: retries by the queue, then Failed on the last attempt with
/// an error notification, never a poisoned message. Each test has its own app (faults are per platform, not per test).</summary>
public sealed class WorkflowFailureEndToEndTests : IAsyncLifetime
{
    private readonly FakeConnectors _platforms = new();
    private AzuriteInstance _azurite = null!;
    private StandaloneWorkflow _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(new AzuriteOptions());
        _app = await StandaloneWorkflow.StartAsync(_azurite, _platforms);
        await _app.AddIntegrationAsync("e2e-faults");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task APortThatFailsAndThenRecoversLeavesOneShopOrder()
    {
        _platforms.Faults.Fail(FakeOperations.ShopCreate, times: 2);
        _platforms.Marketplace("e2e-faults").Place(Samples.MarketplaceOrder("1001"));

        await _app.WaitForAsync("e2e-faults", "1001", OrderStatus.Transferred);

        Assert.Equal(2, _platforms.Faults.Struck(FakeOperations.ShopCreate));
        Assert.Single(_platforms.Shop("e2e-faults").Orders);
        Assert.Equal(0, await _app.PoisonedAsync(_azurite));
    }

    [Fact]
    public async Task APortThatKeepsFailingMovesTheOrderToFailedVisiblyWithANotification()
    {
        _platforms.Faults.Fail(FakeOperations.ShopCreate, times: int.MaxValue);
        _platforms.Marketplace("e2e-faults").Place(Samples.MarketplaceOrder("1001"));

        var failed = await _app.WaitForAsync("e2e-faults", "1001", OrderStatus.Failed);
        var details = await _app.Operations.GetAsync(OrderKey.Create("e2e-faults", "1001"), CancellationToken.None);
        var notifications = await _app.NotificationsAsync();

        Assert.Contains("injected transient fault", failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(3, failed.FailedAttempts);
        Assert.Equal("Failed", details!.History[^1].To);
        Assert.Contains(notifications, n => n.Error is { ErrorKind: "failed", MarketplaceOrderId: "1001" });
        Assert.Empty(_platforms.Shop("e2e-faults").Orders);
        Assert.Equal(0, await _app.PoisonedAsync(_azurite));
    }
}

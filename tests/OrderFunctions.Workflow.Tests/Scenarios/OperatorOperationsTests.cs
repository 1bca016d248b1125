using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Polling;
using OrderFunctions.Workflow.Ports;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Scenarios;

/// <summary>Seed 002's operator: confirm, reject, a status of one's own; plus re-sync and back-fill.</summary>
public sealed class OperatorOperationsTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static Func<Task<bool>> Is(WorkflowHarness harness, string orderId, OrderStatus status) =>
        async () => (await harness.OrderAsync(orderId))?.Status == status;

    [Fact]
    public async Task WithAutomaticTransferOffTheOrderWaitsForTheOperatorsConfirmation()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync(new IntegrationSettings { AutoTransfer = false });
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.HoldReason == HoldReason.NotAutoTransferred);
        Assert.Empty(harness.Shop.Orders);

        var confirmed = await harness.First.Operations.ConfirmAsync(harness.Key("1001"), CancellationToken.None);
        var again = await harness.First.Operations.ConfirmAsync(harness.Key("1001"), CancellationToken.None);

        Assert.Equal(OrderStatus.Transferred, confirmed.State!.Status);
        Assert.Equal(ExecutionOutcome.NoOp, again.Outcome);
        Assert.Contains("nothing to confirm", again.Note, StringComparison.Ordinal);
        Assert.Single(harness.Shop.Orders);
        Assert.Equal(["acknowledge"], harness.Marketplace.Effects.Select(e => e.Operation));
    }

    [Fact]
    public async Task AReservedOrderThatTheOperatorRejectsReleasesItsStockAndIsCancelledOnTheMarketplace()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync(new IntegrationSettings { AutoTransfer = false, StockMode = StockMode.ReserveOnReceipt });
        harness.Shop.SetStock("SKU-1", 10);
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.ShopOrderId is not null);
        var reserved = await harness.OrderAsync("1001");
        var stockWhileReserved = harness.Shop.Stock("SKU-1");

        var rejected = await harness.First.Operations.RejectAsync(harness.Key("1001"), CancellationReason.CustomerRequest, CancellationToken.None);

        Assert.Equal(HoldReason.NotAutoTransferred, reserved!.HoldReason);
        Assert.Equal("on-hold", reserved.AppliedShopStatus);
        Assert.Equal("S1 in 'on-hold', stock decreased", Assert.Single(harness.Shop.Effects, e => e.Operation == "create").Detail);
        Assert.Equal(8, stockWhileReserved);
        Assert.Equal(OrderStatus.Rejected, rejected.State!.Status);
        Assert.Equal(10, harness.Shop.Stock("SKU-1"));
        Assert.Equal("Cancelled", harness.Marketplace.Order("1001").Status);
        Assert.Equal("CustomerRequest", Assert.Single(harness.Marketplace.Effects, e => e.Operation == "cancel-lines").Detail);
    }

    [Fact]
    public async Task ACustomStatusIsSetInTheShopAndKeptWithTheOrder()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));

        var labelled = await harness.First.Operations.SetCustomStatusAsync(harness.Key("1001"), "  CALL BACK ", CancellationToken.None);

        Assert.Equal("CALL BACK", labelled.State!.CustomStatus);
        Assert.Equal("CALL BACK", harness.Shop.Orders.Single().Status);
        await Assert.ThrowsAsync<ArgumentException>(() => harness.First.Operations.SetCustomStatusAsync(harness.Key("1001"), " ", CancellationToken.None));
    }

    [Fact]
    public async Task OperationsOnAnOrderThatDoesNotExistSaySo()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();

        var confirm = await harness.First.Operations.ConfirmAsync(harness.Key("nope"), CancellationToken.None);
        var resync = await harness.First.Operations.ResyncAsync(harness.Key("nope"), CancellationToken.None);

        Assert.Equal(ExecutionOutcome.Unknown, confirm.Outcome);
        Assert.Equal(ExecutionOutcome.Unknown, resync.Outcome);
        Assert.Null(await harness.First.Operations.GetAsync(harness.Key("nope"), CancellationToken.None));
    }

    [Fact]
    public async Task ABackfillReadsOrdersTheRegularPollsNeverSawAndReportsItsProgress()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        harness.Marketplace.Place(Samples.MarketplaceOrder("0999"), changedAt: DateTimeOffset.UtcNow - TimeSpan.FromHours(30));
        await harness.PollUntilAsync(() => Task.FromResult(true));
        Assert.Null(await harness.OrderAsync("0999"));

        var run = await harness.First.IntegrationOperations.RepollAsync(WorkflowHarness.IntegrationId, DateTimeOffset.UtcNow - TimeSpan.FromDays(2), CancellationToken.None);
        await harness.RunUntilAsync(Is(harness, "0999", OrderStatus.Transferred));
        var progress = await harness.First.IntegrationOperations.GetPollRunAsync(WorkflowHarness.IntegrationId, run.RunId, CancellationToken.None);

        Assert.Equal(PollRunStatus.Queued, run.Status);
        Assert.Equal(PollRunStatus.Completed, progress!.Status);
        Assert.NotNull(progress.CompletedAt);
        Assert.Equal(2, progress.Counts.MarketplaceOrdersListed);
        Assert.Equal(1, progress.Counts.OrdersReceived);
        Assert.Equal(2, harness.Shop.Orders.Count);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.First.IntegrationOperations.RepollAsync(WorkflowHarness.IntegrationId, DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None));
        await Assert.ThrowsAsync<IntegrationNotFoundException>(() => harness.First.IntegrationOperations.RepollAsync("nope", null, CancellationToken.None));
    }
}

using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Scenarios;

/// <summary>Cancellations on either side, against the stock and line rules of docs/workflow.md: stock taken is given
/// back exactly once, and every unit not shipped ends cancelled exactly once, however often a step runs.</summary>
public sealed class CancellationTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private async Task<WorkflowHarness> StartAsync(IntegrationSettings? settings = null)
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync(settings ?? new IntegrationSettings());
        return harness;
    }

    private static Func<Task<bool>> Is(WorkflowHarness harness, string orderId, OrderStatus status) =>
        async () => (await harness.OrderAsync(orderId))?.Status == status;

    [Fact]
    public async Task AShopCancellationCancelsEveryUnitNotYetCancelledOnTheMarketplaceOnceEvenWhenTheReplyIsLost()
    {
        var harness = await StartAsync();
        var sample = Samples.MarketplaceOrder("1001");
        // The customer already cancelled one of the three units on the marketplace.
        harness.Marketplace.Place(sample with { Lines = [sample.Lines[0] with { Quantity = 3, QuantityCancelled = 1 }] });
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        harness.Faults.Fail(FakeOperations.MarketplaceCancelLines, timing: FaultTiming.After);

        harness.Shop.SetStatusByMerchant(harness.Key("1001").Value, "cancelled");
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001")) is { Status: OrderStatus.Cancelled, MarketplaceCancelled: true });

        var line = Assert.Single(harness.Marketplace.Order("1001").Lines);
        Assert.Equal(1, harness.Faults.Struck(FakeOperations.MarketplaceCancelLines));
        Assert.Equal(3, line.QuantityCancelled);
        Assert.Equal("Cancelled", harness.Marketplace.Order("1001").Status);
        Assert.Single(harness.Marketplace.Effects, e => e.Operation == "cancel-lines");
    }
}

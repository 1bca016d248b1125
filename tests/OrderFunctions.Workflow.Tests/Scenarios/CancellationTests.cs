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

    /// <summary>The shop creates the order (taking its stock) but the hub never hears back, on every attempt, until the
    /// step gives up: the order is Failed with no shop order id, while the shop order holds two units.</summary>
    private static async Task<WorkflowHarness> CreatedButUnansweredAsync(WorkflowHarness harness)
    {
        harness.Shop.SetStock("SKU-1", 10);
        harness.Faults.Fail(FakeOperations.ShopCreate, times: int.MaxValue, timing: FaultTiming.After);
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Failed));
        harness.Faults.Clear();
        Assert.Null((await harness.OrderAsync("1001"))!.ShopOrderId);
        Assert.Equal(8, harness.Shop.Stock("SKU-1"));
        return harness;
    }

    [Fact]
    public async Task AMarketplaceCancellationOfAnOrderWhoseCreateWentUnansweredReturnsTheStockOnce()
    {
        var harness = await CreatedButUnansweredAsync(await StartAsync());

        harness.Marketplace.CancelByMarketplace("1001");
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001")) is { Status: OrderStatus.Cancelled, ShopCancelled: true });

        Assert.Equal(10, harness.Shop.Stock("SKU-1"));
        Assert.Equal("cancelled", harness.Shop.ByKey(harness.Key("1001").Value)!.Status);
        Assert.Equal(["create", "cancel"], harness.Shop.Effects.Select(e => e.Operation));
    }

    [Fact]
    public async Task RejectingAnOrderWhoseCreateWentUnansweredReturnsTheStockAndCancelsOnTheMarketplace()
    {
        var harness = await CreatedButUnansweredAsync(await StartAsync());

        var result = await harness.First.Operations.RejectAsync(harness.Key("1001"), Ports.CancellationReason.OutOfStock, CancellationToken.None);
        await harness.RunUntilAsync(async () => (await harness.OrderAsync("1001")) is { MarketplaceCancelled: true, ShopCancelled: true });

        Assert.Equal(OrderStatus.Rejected, result.State?.Status);
        Assert.Equal(10, harness.Shop.Stock("SKU-1"));
        Assert.Equal(["create", "cancel"], harness.Shop.Effects.Select(e => e.Operation));
        Assert.Equal("Cancelled", harness.Marketplace.Order("1001").Status);
    }

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

    [Fact]
    public async Task AShopCancellationInTheSameSecondAsTheChangeTheHubAlreadySawIsNotMissed()
    {
        var harness = await StartAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        // The next poll sees the shop order as the hub created it and remembers that version.
        await harness.PollUntilAsync(() => Task.FromResult(true));

        harness.Shop.SetStatusByMerchant(harness.Key("1001").Value, "cancelled", sameModifiedAt: true);
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001")) is { Status: OrderStatus.Cancelled, MarketplaceCancelled: true });

        Assert.Equal("Cancelled", harness.Marketplace.Order("1001").Status);
    }
}

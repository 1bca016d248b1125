using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;

namespace OrderFunctions.App.Tests.EndToEnd;

/// <summary>Cancellations from either side and an unmapped status (issue 3) with the real connectors against the
/// simulators, for both demo pairs.</summary>
public sealed class CancellationEndToEndTests(SandboxWorkflowFixture fixture) : IClassFixture<SandboxWorkflowFixture>
{
    public static TheoryData<string> Pairs => DemoPair.Names;

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task AnOrderCancelledOnTheMarketplaceIsCancelledInTheShop(string pairName)
    {
        var pair = fixture.Pair(pairName);
        var orderId = pair.PlaceOrder();
        await fixture.WaitForAsync(pair, orderId, OrderStatus.Transferred);

        pair.CancelOnMarketplace(orderId);
        await fixture.WaitForAsync(pair, orderId, o => o is { Status: OrderStatus.Cancelled, ShopCancelled: true });

        Assert.Equal("cancelled", (await pair.ShopOrderAsync(orderId)).Status);
        var marketplace = pair.Marketplace(orderId);
        Assert.True(marketplace.AllLinesCancelled);
        Assert.Equal(0, marketplace.Cancellations);
        Assert.Empty(marketplace.Shipments);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task AnOrderCancelledInTheShopHasItsLinesCancelledOnTheMarketplace(string pairName)
    {
        var pair = fixture.Pair(pairName);
        var orderId = pair.PlaceOrder();
        await fixture.WaitForAsync(pair, orderId, OrderStatus.Transferred);

        await pair.CancelInShopAsync(orderId);
        await fixture.WaitForAsync(pair, orderId, o => o is { Status: OrderStatus.Cancelled, MarketplaceCancelled: true });

        var marketplace = pair.Marketplace(orderId);
        Assert.True(marketplace.AllLinesCancelled, $"{orderId} still has lines open on the marketplace");
        Assert.True(marketplace.Cancellations > 0);
        Assert.Empty(marketplace.Shipments);
        Assert.Equal("cancelled", (await pair.ShopOrderAsync(orderId)).Status);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task AnOrderWithAnUnmappedStatusIsHeldUntilTheMappingIsAddedAndTheOrderReSynced(string pairName)
    {
        var pair = fixture.Pair(pairName);
        var integrations = fixture.Run.Workflow.Integrations;
        var full = (await integrations.GetAsync(pair.IntegrationId, CancellationToken.None))!;
        var withoutNew = full.StatusMap with { Entries = [.. full.StatusMap.Entries.Where(e => e.MarketplaceStatus != pair.NewOrderStatus)] };
        var current = await integrations.ReplaceStatusMapAsync(pair.IntegrationId, withoutNew, full.ETag, CancellationToken.None);
        try
        {
            var orderId = pair.PlaceOrder();
            await fixture.WaitForAsync(pair, orderId, o => o.HoldReason == HoldReason.UnmappedStatus);
            Assert.Empty(await pair.ShopOrdersAsync(orderId));

            current = await integrations.ReplaceStatusMapAsync(pair.IntegrationId, full.StatusMap, current.ETag, CancellationToken.None);
            var resynced = await fixture.Run.Workflow.Operations.ResyncAsync(OrderKey.Create(pair.IntegrationId, orderId), CancellationToken.None);

            Assert.Equal(ExecutionOutcome.Applied, resynced.Outcome);
            Assert.Equal(OrderStatus.Transferred, resynced.State!.Status);
            Assert.Equal(resynced.State.ShopOrderId, (await pair.ShopOrderAsync(orderId)).ShopOrderId);
            Assert.Contains(
                await fixture.Run.Workflow.NotificationsAsync(),
                n => n.IntegrationId == pair.IntegrationId && n.Error is { ErrorKind: "unmapped-status" } error && error.MarketplaceOrderId == orderId);
        }
        finally
        {
            // The other tests of the class share the integration: leave it with its whole map.
            var now = (await integrations.GetAsync(pair.IntegrationId, CancellationToken.None))!;
            if (now.StatusMap.Entries.Count != full.StatusMap.Entries.Count)
            {
                await integrations.ReplaceStatusMapAsync(pair.IntegrationId, full.StatusMap, now.ETag, CancellationToken.None);
            }
        }
    }
}

using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Tests.EndToEnd;

/// <summary>The shipping scenarios of the workflow (issue 3) with the real connectors against the simulators, for both
/// demo pairs: the hub creates the order in the shop once, and ships it on the marketplace once — with the merchant's
/// tracking code (given at completion or later, before the deadline), or without one when the (3 s) tracking wait runs
/// out; a code after that changes nothing.</summary>
public sealed class ShippingEndToEndTests(SandboxWorkflowFixture fixture) : IClassFixture<SandboxWorkflowFixture>
{
    public static TheoryData<string> Pairs => DemoPair.Names;

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task AnOrderCompletedWithTrackingIsCreatedInTheShopOnceAndShippedWithItsCodeOnTheMarketplace(string pairName)
    {
        var pair = fixture.Pair(pairName);
        var orderId = pair.PlaceOrder();
        var transferred = await fixture.WaitForAsync(pair, orderId, OrderStatus.Transferred);
        var created = await pair.ShopOrderAsync(orderId);
        Assert.Equal(created.ShopOrderId, transferred.ShopOrderId);

        var completed = await pair.CompleteInShopAsync(orderId, withTracking: true);
        var code = Assert.Single(completed.Tracking).Number;
        var closed = await fixture.WaitForAsync(pair, orderId, OrderStatus.Closed);

        Assert.Equal(code, closed.Tracking?.Code);
        Assert.Equal(pair.ShopCompletedStatus, (await pair.ShopOrderAsync(orderId)).Status);
        var marketplace = pair.Marketplace(orderId);
        Assert.Equal([code], marketplace.Shipments);
        Assert.True(marketplace.FullyShipped, $"{orderId} is not shipped on the marketplace");
        Assert.Equal(0, marketplace.Cancellations);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task AnOrderCompletedWithoutTrackingShipsWithoutACodeWhenTheWaitRunsOut(string pairName)
    {
        var pair = fixture.Pair(pairName);
        var orderId = pair.PlaceOrder();
        await fixture.WaitForAsync(pair, orderId, OrderStatus.Transferred);

        await pair.CompleteInShopAsync(orderId, withTracking: false);
        await fixture.WaitForAsync(pair, orderId, OrderStatus.AwaitingTracking);
        var closed = await fixture.WaitForAsync(pair, orderId, OrderStatus.Closed);

        Assert.Null(closed.Tracking);
        Assert.Equal(pair.ShopCompletedStatus, (await pair.ShopOrderAsync(orderId)).Status);
        var marketplace = pair.Marketplace(orderId);
        Assert.Equal(pair.RecordsShipmentWithoutTracking ? [null] : [], marketplace.Shipments);
        Assert.True(marketplace.FullyShipped, $"{orderId} is not shipped on the marketplace");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task ATrackingCodeAddedBeforeTheDeadlineShipsWithTheCode(string pairName)
    {
        var pair = fixture.Pair(pairName);
        // A wait no test outlasts: only the code can close the order.
        await using var longWait = await fixture.UseTrackingWaitAsync(pair, TimeSpan.FromHours(1));
        var orderId = pair.PlaceOrder();
        await fixture.WaitForAsync(pair, orderId, OrderStatus.Transferred);
        await pair.CompleteInShopAsync(orderId, withTracking: false);
        await fixture.WaitForAsync(pair, orderId, OrderStatus.AwaitingTracking);

        var code = Assert.Single((await pair.AddTrackingInShopAsync(orderId)).Tracking).Number;
        var closed = await fixture.WaitForAsync(pair, orderId, OrderStatus.Closed);

        Assert.Equal(code, closed.Tracking?.Code);
        var marketplace = pair.Marketplace(orderId);
        Assert.Equal([code], marketplace.Shipments);
        Assert.True(marketplace.FullyShipped, $"{orderId} is not shipped on the marketplace");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task ATrackingCodeAddedAfterTheDeadlineIsNotPushedAgain(string pairName)
    {
        var pair = fixture.Pair(pairName);
        var orderId = pair.PlaceOrder();
        await fixture.WaitForAsync(pair, orderId, OrderStatus.Transferred);
        await pair.CompleteInShopAsync(orderId, withTracking: false);
        await fixture.WaitForAsync(pair, orderId, OrderStatus.Closed);
        var shippedWithout = pair.Marketplace(orderId).Shipments;

        var late = await pair.AddTrackingInShopAsync(orderId);
        Assert.NotEmpty(late.Tracking);
        // A few shop polls (one a second) see the code on a closed order; none may ship it again.
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal(OrderStatus.Closed, (await fixture.Run.OrderAsync(pair.IntegrationId, orderId))!.Status);
        Assert.Equal(shippedWithout, pair.Marketplace(orderId).Shipments);
        Assert.Single(await pair.ShopOrdersAsync(orderId));
    }
}

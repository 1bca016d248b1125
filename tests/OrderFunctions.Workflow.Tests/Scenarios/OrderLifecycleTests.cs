using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Scenarios;

/// <summary>The scenarios at the service level: polls and steps through their queues on Azurite, the
/// platforms in memory, the tracking wait in seconds.</summary>
public sealed class OrderLifecycleTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly IntegrationSettings Settings = new() { NotifyNewOrders = true, TrackingWait = TimeSpan.FromSeconds(2) };

    private async Task<WorkflowHarness> StartAsync(IntegrationSettings? settings = null, StatusMap? map = null)
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync(settings ?? Settings, map);
        return harness;
    }

    private static Func<Task<bool>> Is(WorkflowHarness harness, string orderId, OrderStatus status) =>
        async () => (await harness.OrderAsync(orderId))?.Status == status;

    [Fact]
    public async Task AnOrderWithTrackingIsCreatedAcknowledgedShippedAndClosed()
    {
        var harness = await StartAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));

        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        harness.Shop.Complete(harness.Key("1001").Value, trackingNumber: "3SABCD1234567");
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Closed));

        var order = await harness.OrderAsync("1001");
        Assert.Equal("S1", order!.ShopOrderId);
        Assert.True(order.Acknowledged);
        Assert.Null(order.NextActionAt);
        Assert.Equal(["create"], harness.Shop.Effects.Select(e => e.Operation));
        Assert.Equal(["acknowledge", "ship"], harness.Marketplace.Effects.Select(e => e.Operation));
        Assert.Equal("POSTNL 3SABCD1234567", harness.Marketplace.Shipments.Single().Detail);
        Assert.Equal(-2, harness.Shop.Stock("SKU-1"));
        var notification = Assert.Single(await harness.NotificationsAsync());
        Assert.Equal(NotificationKinds.NewOrders, notification.Kind);
        Assert.Equal("1001", Assert.Single(notification.Orders!).MarketplaceOrderId);
        var history = await harness.HistoryAsync("1001");
        Assert.Equal("Received", history[0].To);
        Assert.Equal("Closed", history[^1].To);
    }

    [Fact]
    public async Task TrackingBeforeTheDeadlineShipsAtOnceAndTheDeadlineThenFindsNothingToDo()
    {
        var harness = await StartAsync(Settings with { TrackingWait = TimeSpan.FromSeconds(3) });
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        harness.Shop.Complete(harness.Key("1001").Value);
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.AwaitingTracking), drain: false);

        harness.Shop.AddTracking(harness.Key("1001").Value, "1Z999AA10123456784", "UPS");
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Closed), drain: false);
        var timerStillQueued = await harness.Storage.StepQueue.GetApproximateMessageCountAsync();
        var historyWhenClosed = (await harness.HistoryAsync("1001")).Count;

        await harness.RunUntilAsync(() => Task.FromResult(true));

        Assert.Equal(1, timerStillQueued);
        Assert.Equal(historyWhenClosed, (await harness.HistoryAsync("1001")).Count);
        Assert.Equal("UPS 1Z999AA10123456784", Assert.Single(harness.Marketplace.Shipments).Detail);
        Assert.Equal(OrderStatus.Closed, (await harness.OrderAsync("1001"))!.Status);
    }

    [Fact]
    public async Task WithoutAnyTrackingTheOrderShipsWithoutACodeWhenTheWaitRunsOut()
    {
        var harness = await StartAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        harness.Shop.Complete(harness.Key("1001").Value);

        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Closed));

        Assert.Equal("- (no tracking)", Assert.Single(harness.Marketplace.Shipments).Detail);
        var history = await harness.HistoryAsync("1001");
        Assert.Contains(history, h => h.To == "AwaitingTracking");
        Assert.Contains(history, h => h.Note.Contains("no tracking code by the deadline", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrackingThatArrivesAfterTheDeadlineChangesNothing()
    {
        var harness = await StartAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        harness.Shop.Complete(harness.Key("1001").Value);
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Closed));

        harness.Shop.AddTracking(harness.Key("1001").Value, "3SABCD1234567");
        await harness.PollUntilAsync(() => Task.FromResult(true));

        Assert.Equal("- (no tracking)", Assert.Single(harness.Marketplace.Shipments).Detail);
        Assert.Equal(OrderStatus.Closed, (await harness.OrderAsync("1001"))!.Status);
    }

    [Fact]
    public async Task AnOrderCancelledOnTheMarketplaceIsCancelledInTheShopAndItsStockReturns()
    {
        var harness = await StartAsync();
        harness.Shop.SetStock("SKU-1", 10);
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        Assert.Equal(8, harness.Shop.Stock("SKU-1"));

        harness.Marketplace.CancelByMarketplace("1001");
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Cancelled));

        var order = await harness.OrderAsync("1001");
        Assert.Equal(CancellationOrigin.Marketplace, order!.CancelledBy);
        Assert.True(order.ShopCancelled);
        Assert.Equal("cancelled", harness.Shop.ByKey(order.Key.Value)!.Status);
        Assert.Equal(10, harness.Shop.Stock("SKU-1"));
        Assert.DoesNotContain(harness.Marketplace.Effects, e => e.Operation == "cancel-lines");
    }

    [Fact]
    public async Task AnOrderCancelledInTheShopIsCancelledOnTheMarketplace()
    {
        var harness = await StartAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));

        harness.Shop.SetStatusByMerchant(harness.Key("1001").Value, "cancelled");
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Cancelled));

        var order = await harness.OrderAsync("1001");
        Assert.Equal(CancellationOrigin.Shop, order!.CancelledBy);
        Assert.True(order.MarketplaceCancelled);
        Assert.Equal("Cancelled", harness.Marketplace.Order("1001").Status);
        Assert.Equal("Other", Assert.Single(harness.Marketplace.Effects, e => e.Operation == "cancel-lines").Detail);
        Assert.DoesNotContain(harness.Shop.Effects, e => e.Operation == "cancel");
    }

    [Fact]
    public async Task AnAsynchronouslyConfirmedShipmentClosesWhenTheMarketplaceShowsItShipped()
    {
        var harness = await StartAsync();
        harness.Marketplace.AsyncShipments = true;
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        harness.Shop.Complete(harness.Key("1001").Value, trackingNumber: "3SABCD1234567");
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.ShipmentProcessId is not null, sweep: false, drain: false);

        await Task.Delay(harness.Marketplace.ConfirmationDelay);
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Closed), sweep: false);

        Assert.Single(harness.Marketplace.Shipments);
        Assert.Equal(0, harness.Marketplace.ProgressChecks);
        Assert.Contains(await harness.HistoryAsync("1001"), h => h.Note.Contains("the marketplace shows 'Shipped'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfirmationTheMarketplaceNeverShowsIsAskedForAndARejectedShipmentFailsTheOrder()
    {
        var harness = await StartAsync();
        harness.Marketplace.AsyncShipments = true;
        harness.Marketplace.RejectShipments = true;
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));
        harness.Shop.Complete(harness.Key("1001").Value, trackingNumber: "3SABCD1234567");

        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Failed));

        var order = await harness.OrderAsync("1001");
        Assert.Equal(OrderStatus.Shipping, order!.FailedFrom);
        Assert.Contains("the shipment was rejected", order.FailureReason, StringComparison.Ordinal);
        Assert.True(harness.Marketplace.ProgressChecks >= 1);
        Assert.Contains(await harness.NotificationsAsync(), n => n.Error?.ErrorKind == "failed");
    }
}

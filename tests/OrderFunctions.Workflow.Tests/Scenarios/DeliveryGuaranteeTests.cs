using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Scenarios;

/// <summary>At-least-once delivery and several app instances: the same script of four orders (shipped with tracking,
/// shipped after the tracking wait, cancelled on each side) must end the same, with every remote effect exactly once.</summary>
public sealed class DeliveryGuaranteeTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] OrderIds = ["A", "B", "C", "D"];

    /// <summary>What a run leaves behind, in a form two runs can be compared by.</summary>
    private sealed record Outcome(
        IReadOnlyList<string> Orders,
        IReadOnlyList<string> ShopEffects,
        IReadOnlyList<string> MarketplaceEffects,
        IReadOnlyList<string> Notifications,
        int NotificationMessages);

    private async Task<Outcome> RunScriptAsync(Delivery delivery, int nodes = 1)
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, nodes);
        harness.Delivery = delivery;
        harness.Shop.CreateRaceWindow = TimeSpan.FromMilliseconds(30);
        await harness.AddIntegrationAsync(new IntegrationSettings { NotifyNewOrders = true, TrackingWait = TimeSpan.FromSeconds(2) });
        foreach (var id in OrderIds)
        {
            harness.Marketplace.Place(Samples.MarketplaceOrder(id));
        }

        await harness.PollUntilAsync(() => AllAsync(harness, OrderStatus.Transferred));
        harness.Shop.Complete(harness.Key("A").Value, trackingNumber: "3SABCD1234567");
        harness.Shop.Complete(harness.Key("B").Value);
        harness.Marketplace.CancelByMarketplace("C");
        harness.Shop.SetStatusByMerchant(harness.Key("D").Value, "cancelled");
        await harness.PollUntilAsync(async () =>
            (await harness.OrderAsync("A"))?.Status == OrderStatus.Closed
            && (await harness.OrderAsync("B"))?.Status == OrderStatus.Closed
            && (await harness.OrderAsync("C"))?.Status == OrderStatus.Cancelled
            && (await harness.OrderAsync("D"))?.Status == OrderStatus.Cancelled);

        var orders = new List<string>();
        foreach (var id in OrderIds)
        {
            var o = (await harness.OrderAsync(id))!;
            orders.Add($"{id}: {o.Describe()} ack={o.Acknowledged} shopCancelled={o.ShopCancelled} marketplaceCancelled={o.MarketplaceCancelled} tracking={o.Tracking?.Code} next={o.NextActionAt}");
        }

        var notifications = await harness.NotificationsAsync();
        Assert.Equal(0, harness.PoisonedMessages);
        return new Outcome(
            orders,
            [.. harness.Shop.Effects.Select(e => $"{e.Operation} {e.Order}").Order()],
            [.. harness.Marketplace.Effects.Select(e => $"{e.Operation} {e.Order} {e.Detail}").Order()],
            // Messages repeated under one id must be the same message: distinct (id, content) pairs expose any that differ.
            [.. notifications.Select(n => $"{n.Id}: {string.Join(",", (n.Orders ?? []).Select(o => o.MarketplaceOrderId).Order())}").Distinct().Order()],
            notifications.Count);
    }

    private static async Task<bool> AllAsync(WorkflowHarness harness, OrderStatus status)
    {
        foreach (var id in OrderIds)
        {
            if ((await harness.OrderAsync(id))?.Status != status)
            {
                return false;
            }
        }

        return true;
    }

    private static void AssertEveryEffectOnce(Outcome outcome)
    {
        Assert.Equal(["cancel ty-woo:C", "create ty-woo:A", "create ty-woo:B", "create ty-woo:C", "create ty-woo:D"], outcome.ShopEffects);
        Assert.Equal(
            ["acknowledge A Picking", "acknowledge B Picking", "acknowledge C Picking", "acknowledge D Picking", "cancel-lines D Other", "ship A POSTNL 3SABCD1234567", "ship B - (no tracking)"],
            outcome.MarketplaceEffects);
        Assert.Equal(["ty-woo|new-orders|t1: A,B,C,D"], outcome.Notifications);
    }

    [Fact]
    public async Task TheScriptDeliveredOnceDoesEveryRemoteEffectExactlyOnce()
    {
        var once = await RunScriptAsync(Delivery.Once);

        AssertEveryEffectOnce(once);
        Assert.Equal(1, once.NotificationMessages);
    }

    [Fact]
    public async Task EveryMessageDeliveredTwiceEndsInTheSameStatesWithTheSameEffects()
    {
        var once = await RunScriptAsync(Delivery.Once);
        var twice = await RunScriptAsync(Delivery.Twice);

        Assert.Equal(once.Orders, twice.Orders);
        Assert.Equal(once.ShopEffects, twice.ShopEffects);
        Assert.Equal(once.MarketplaceEffects, twice.MarketplaceEffects);
        Assert.Equal(once.Notifications, twice.Notifications);
    }

    [Fact]
    public async Task TwoNodesHandlingEveryMessageAtOnceCreateShipAndNotifyNothingTwice()
    {
        var raced = await RunScriptAsync(Delivery.EveryNodeAtOnce, nodes: 2);

        AssertEveryEffectOnce(raced);
        Assert.All(raced.Orders, o => Assert.DoesNotContain("next=2", o, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoSchedulersAtTheSameTimeQueueOnePoll()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, nodes: 2);
        await harness.AddIntegrationAsync();

        var queued = await Task.WhenAll(harness.Nodes.Select(n => Task.Run(() => n.Scheduler.QueueDuePollsAsync(CancellationToken.None))));
        var again = await harness.First.Scheduler.QueueDuePollsAsync(CancellationToken.None);

        Assert.Equal(1, queued.Sum());
        Assert.Equal(0, again);
        Assert.Equal(1, await harness.Storage.PollQueue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task ALostTimerIsMadeUpForByTheSweeper()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync(new IntegrationSettings { TrackingWait = TimeSpan.FromSeconds(1) });
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.Status == OrderStatus.Transferred);
        harness.Shop.Complete(harness.Key("1001").Value);
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.Status == OrderStatus.AwaitingTracking, sweep: false, drain: false);

        await harness.Storage.StepQueue.ClearMessagesAsync();
        await harness.RunUntilAsync(async () => (await harness.OrderAsync("1001"))?.Status == OrderStatus.Closed);

        Assert.Single(harness.Marketplace.Shipments);
        Assert.Contains(await harness.HistoryAsync("1001"), h => h.Event == "overdue-order-swept");
    }
}

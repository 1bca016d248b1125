using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Scenarios;

/// <summary>
/// One fault at a time, at every point where a step does I/O with an effect — before and after each remote call and
/// each write, as a transient error and as a crash (an exception nothing handles, the lease left behind) — and the
/// order must still reach its end with every remote effect done exactly once.
/// </summary>
public sealed class FaultInjectionTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    /// <summary>(operation, which call of it: 0 = the first) for the order's life: received, transferred,
    /// status reflected, completed without tracking (timer), tracking added, shipped.</summary>
    public static TheoryData<string, int, FaultTiming, FaultKind> LifePoints() => Points(
    [
        (FakeOperations.StoreInsert, 0),
        (FakeOperations.ShopCreate, 0),
        (FakeOperations.MarketplaceAcknowledge, 0),
        (FakeOperations.StoreCommit, 0),
        (FakeOperations.QueueNotification, 0),
        (FakeOperations.ShopUpdateStatus, 0),
        (FakeOperations.StoreCommit, 1),
        (FakeOperations.QueueStep, 0),
        (FakeOperations.StoreCommit, 2),
        (FakeOperations.MarketplacePushShipment, 0),
        (FakeOperations.StoreCommit, 3),
    ]);

    public static TheoryData<string, int, FaultTiming, FaultKind> CancellationPoints() => Points(
    [
        (FakeOperations.ShopCancel, 0),
        (FakeOperations.MarketplaceCancelLines, 0),
    ]);

    private static TheoryData<string, int, FaultTiming, FaultKind> Points(IEnumerable<(string Operation, int Skip)> points)
    {
        var data = new TheoryData<string, int, FaultTiming, FaultKind>();
        foreach (var (operation, skip) in points)
        {
            foreach (var timing in new[] { FaultTiming.Before, FaultTiming.After })
            {
                foreach (var kind in new[] { FaultKind.Transient, FaultKind.Crash })
                {
                    data.Add(operation, skip, timing, kind);
                }
            }
        }

        return data;
    }

    private async Task<WorkflowHarness> StartAsync()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, settings: new() { ["Workflow:LeaseDuration"] = "00:00:01" });
        var map = DefaultStatusMaps.For(MarketplaceCatalog.TrendyolDescriptor);
        map = map with { Entries = [.. map.Entries.Select(e => e.MarketplaceStatus == "Invoiced" ? e with { ShopStatus = "invoiced" } : e)] };
        await harness.AddIntegrationAsync(new IntegrationSettings { NotifyNewOrders = true, TrackingWait = TimeSpan.FromMinutes(10) }, map);
        return harness;
    }

    private static Func<Task<bool>> Is(WorkflowHarness harness, string orderId, Func<OrderState, bool> condition) =>
        async () => await harness.OrderAsync(orderId) is { } order && condition(order);

    [Theory]
    [MemberData(nameof(LifePoints))]
    public async Task AFaultAnywhereInAnOrdersLifeStillEndsWithItShippedOnce(string operation, int skip, FaultTiming timing, FaultKind kind)
    {
        var harness = await StartAsync();
        harness.Faults.Fail(operation, skip: skip, timing: timing, kind: kind);
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        var key = harness.Key("1001").Value;

        await harness.PollUntilAsync(Is(harness, "1001", o => o.Status == OrderStatus.Transferred), drain: false);
        harness.Marketplace.SetStatus("1001", "Invoiced");
        await harness.PollUntilAsync(Is(harness, "1001", o => o.AppliedShopStatus == "invoiced"), drain: false);
        harness.Shop.Complete(key);
        await harness.PollUntilAsync(Is(harness, "1001", o => o.Status == OrderStatus.AwaitingTracking), drain: false);
        harness.Shop.AddTracking(key, "3SABCD1234567");
        await harness.PollUntilAsync(Is(harness, "1001", o => o.Status == OrderStatus.Closed), drain: false);
        await harness.RunUntilAsync(() => Task.FromResult(true), drain: false);

        Assert.True(harness.Faults.Struck(operation) == 1, $"the fault at {operation} #{skip + 1} never struck");
        Assert.Equal(["create", "update-status"], harness.Shop.Effects.Select(e => e.Operation));
        Assert.Equal(["acknowledge", "ship"], harness.Marketplace.Effects.Select(e => e.Operation));
        Assert.Equal("POSTNL 3SABCD1234567", harness.Marketplace.Shipments.Single().Detail);
        // Announced exactly once: by its run, or by the next one if its run died first; a message sent twice has the same id.
        var announced = (await harness.NotificationsAsync()).GroupBy(n => n.Id).SelectMany(g => g.First().Orders!);
        Assert.Equal(["1001"], announced.Select(o => o.MarketplaceOrderId));
        Assert.Equal(0, harness.PoisonedMessages);
    }

    [Theory]
    [MemberData(nameof(CancellationPoints))]
    public async Task AFaultInACancellationStillCancelsBothSidesOnce(string operation, int skip, FaultTiming timing, FaultKind kind)
    {
        var harness = await StartAsync();
        harness.Faults.Fail(operation, skip: skip, timing: timing, kind: kind);
        harness.Marketplace.Place(Samples.MarketplaceOrder("C"));
        harness.Marketplace.Place(Samples.MarketplaceOrder("D"));
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("C"))?.Status == OrderStatus.Transferred && (await harness.OrderAsync("D"))?.Status == OrderStatus.Transferred);

        harness.Marketplace.CancelByMarketplace("C");
        harness.Shop.SetStatusByMerchant(harness.Key("D").Value, "cancelled");
        await harness.PollUntilAsync(async () =>
            await harness.OrderAsync("C") is { Status: OrderStatus.Cancelled, ShopCancelled: true }
            && await harness.OrderAsync("D") is { Status: OrderStatus.Cancelled, MarketplaceCancelled: true });

        Assert.Equal(1, harness.Faults.Struck(operation));
        Assert.Equal(["cancel ty-woo:C"], harness.Shop.Effects.Where(e => e.Operation == "cancel").Select(e => $"{e.Operation} {e.Order}"));
        Assert.Equal(["cancel-lines D"], harness.Marketplace.Effects.Where(e => e.Operation == "cancel-lines").Select(e => $"{e.Operation} {e.Order}"));
        Assert.Equal(0, harness.PoisonedMessages);
    }
}

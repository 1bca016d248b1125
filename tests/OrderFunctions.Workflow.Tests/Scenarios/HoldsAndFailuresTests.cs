using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Scenarios;

public sealed class HoldsAndFailuresTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static Func<Task<bool>> Is(WorkflowHarness harness, string orderId, OrderStatus status) =>
        async () => (await harness.OrderAsync(orderId))?.Status == status;

    [Fact]
    public async Task AnUnmappedStatusIsHeldAndReportedUntilTheMappingIsAddedAndTheOrderReSynced()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        var full = DefaultStatusMaps.For(MarketplaceCatalog.TrendyolDescriptor);
        var record = await harness.AddIntegrationAsync(map: full with { Entries = [.. full.Entries.Where(e => e.MarketplaceStatus != "Created")] });
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));

        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.HoldReason == HoldReason.UnmappedStatus);
        var notice = Assert.Single(await harness.NotificationsAsync());
        await harness.First.Integrations.ReplaceStatusMapAsync(record.Integration.Id, full, record.ETag, CancellationToken.None);
        var result = await harness.First.Operations.ResyncAsync(harness.Key("1001"), CancellationToken.None);

        Assert.Equal(NotificationKinds.OrderError, notice.Kind);
        Assert.Equal("unmapped-status", notice.Error!.ErrorKind);
        Assert.Equal("Held:UnmappedStatus", notice.Error.State);
        Assert.Contains("'Created'", notice.Error.Reason, StringComparison.Ordinal);
        Assert.Equal(ExecutionOutcome.Applied, result.Outcome);
        Assert.Equal(OrderStatus.Transferred, result.State!.Status);
        Assert.Single(harness.Shop.Orders);
    }

    [Fact]
    public async Task APortThatFailsAndThenRecoversLeavesOneShopOrderAndARecordOfTheFailedAttempts()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();
        harness.Faults.Fail(FakeOperations.ShopCreate, times: 2);
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));

        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));

        Assert.Equal(2, harness.Faults.Struck(FakeOperations.ShopCreate));
        Assert.Single(harness.Shop.Orders);
        Assert.Equal(2, (await harness.HistoryAsync("1001")).Count(h => h.Event == "attempt-failed"));
        Assert.Equal(0, harness.PoisonedMessages);
    }

    [Fact]
    public async Task APortThatKeepsFailingMovesTheOrderToFailedWithANotificationAndRetryBringsItBack()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();
        harness.Faults.Fail(FakeOperations.ShopCreate, times: int.MaxValue);
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));

        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Failed));
        var details = await harness.First.Operations.GetAsync(harness.Key("1001"), CancellationToken.None);
        var failedList = await harness.First.Store.ListAsync(WorkflowHarness.IntegrationId, OrderStatus.Failed, 10, null, CancellationToken.None);
        var notice = Assert.Single(await harness.NotificationsAsync());

        harness.Faults.Clear();
        var retried = await harness.First.Operations.RetryFailedAsync(WorkflowHarness.IntegrationId, CancellationToken.None);
        await harness.RunUntilAsync(Is(harness, "1001", OrderStatus.Transferred));

        Assert.Equal(OrderStatus.Received, details!.State.FailedFrom);
        Assert.Equal(harness.First.Options.MaxDequeueCount, details.State.FailedAttempts);
        Assert.Contains("injected transient fault", details.State.FailureReason, StringComparison.Ordinal);
        Assert.Contains(details.History, h => h.To == "Failed");
        Assert.Equal(["1001"], failedList.Orders.Select(o => o.Key.MarketplaceOrderId));
        Assert.Equal("failed", notice.Error!.ErrorKind);
        Assert.Equal(harness.Key("1001").Value + "|error|" + details.History.Count, notice.Id);
        Assert.Equal(1, retried);
        Assert.Single(harness.Shop.Orders);
        Assert.Equal(0, harness.PoisonedMessages);
    }

    [Fact]
    public async Task AThrottledShopIsWaitedOutWithoutUsingUpTheStepsAttempts()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();
        // More refusals than a step has attempts: a burst of orders meeting a full rate window (Shopify's cost bucket).
        var refusals = harness.First.Options.MaxDequeueCount + 2;
        harness.Faults.Fail(FakeOperations.ShopCreate, times: refusals, kind: FaultKind.Throttled);
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));

        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));

        Assert.Equal(refusals, harness.Faults.Struck(FakeOperations.ShopCreate));
        Assert.Single(harness.Shop.Orders);
        Assert.Null((await harness.OrderAsync("1001"))!.FailureReason);
        Assert.Equal(0, harness.PoisonedMessages);
    }

    [Fact]
    public async Task APermanentErrorFailsTheOrderAtOnceWithTheReason()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();
        harness.Faults.Fail(FakeOperations.ShopCreate, kind: FaultKind.Permanent);
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));

        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Failed));

        var order = await harness.OrderAsync("1001");
        Assert.Equal(1, order!.FailedAttempts);
        Assert.StartsWith("create-shop-order: shop: injected permanent fault", order.FailureReason, StringComparison.Ordinal);
        Assert.Equal(1, harness.Faults.Struck(FakeOperations.ShopCreate));
        Assert.Equal("failed", Assert.Single(await harness.NotificationsAsync()).Error!.ErrorKind);
    }

    [Fact]
    public async Task ALongChainOfSlowCallsRenewsItsLeaseSoNoOtherExecutorStepsIn()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, nodes: 2, settings: new() { ["Workflow:LeaseDuration"] = "00:00:01" });
        harness.Delivery = Delivery.EveryNodeAtOnce;
        await harness.AddIntegrationAsync();
        harness.Faults.Delay(FakeOperations.ShopCreate, TimeSpan.FromMilliseconds(700));
        harness.Faults.Delay(FakeOperations.MarketplaceAcknowledge, TimeSpan.FromMilliseconds(700));
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));

        await harness.PollUntilAsync(Is(harness, "1001", OrderStatus.Transferred));

        Assert.Contains(await harness.HistoryAsync("1001"), h => h.Note == "renewed the lease");
        Assert.Single(harness.Shop.Orders);
        Assert.Equal(["acknowledge"], harness.Marketplace.Effects.Select(e => e.Operation));
    }
}

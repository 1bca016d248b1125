using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Polling;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Polling;

/// <summary>One poll of an integration at a time: slow marketplaces poll for minutes, and overlapping polls would contend
/// for the same orders and announce them twice.</summary>
public sealed class PollClaimTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    /// <summary>Longer than the harness's 1 s poll interval, so a wait of <see cref="IntervalPassed"/> makes a poll due.</summary>
    private static readonly TimeSpan IntervalPassed = TimeSpan.FromMilliseconds(1200);

    [Fact]
    public async Task TheSchedulerQueuesNoPollOfAnIntegrationWhosePreviousPollIsStillQueuedOrRunning()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();

        var first = await harness.First.Scheduler.QueueDuePollsAsync(CancellationToken.None);
        await Task.Delay(IntervalPassed);
        var whileQueued = await harness.First.Scheduler.QueueDuePollsAsync(CancellationToken.None);
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);
        await Task.Delay(IntervalPassed);
        var afterThePoll = await harness.First.Scheduler.QueueDuePollsAsync(CancellationToken.None);

        Assert.Equal([1, 0, 1], [first, whileQueued, afterThePoll]);
    }

    [Fact]
    public async Task APollOfAnIntegrationThatAnotherRunHoldsExitsWithoutWork()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        Assert.Equal(1, await harness.First.Scheduler.QueueDuePollsAsync(CancellationToken.None));

        // A stray poll message (another scheduler's, a back-log) arrives while the scheduled run holds the integration.
        var stray = await harness.First.Poller.PollAsync(new PollMessage { Integration = WorkflowHarness.IntegrationId, Run = "stray" }, CancellationToken.None);
        var afterStray = await harness.OrderAsync("1001");
        await harness.RunUntilAsync(async () => (await harness.OrderAsync("1001"))?.Describe() == "Transferred", sweep: false);

        Assert.Equal(PollCounts.Zero, stray);
        Assert.Null(afterStray);
    }

    [Fact]
    public async Task ACrashedPollsClaimLapsesSoTheIntegrationIsPolledAgain()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, settings: new() { ["Workflow:PollClaimDuration"] = "00:00:02" });
        await harness.AddIntegrationAsync();
        Assert.Equal(1, await harness.First.Scheduler.QueueDuePollsAsync(CancellationToken.None));
        // The poll is lost with its instance: its message never completes, its claim is never released.
        var lost = await harness.Storage.PollQueue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5));
        Assert.Single(lost);

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(1, await harness.First.Scheduler.QueueDuePollsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task APollSlowerThanItsClaimKeepsItByHeartbeatSoNoSecondPollIsQueued()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, settings: new() { ["Workflow:PollClaimDuration"] = "00:00:02" });
        await harness.AddIntegrationAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        Assert.Equal(1, await harness.First.Scheduler.QueueDuePollsAsync(CancellationToken.None));
        var queued = Assert.Single(await harness.Storage.PollQueue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1)));

        // One page takes longer than the whole claim (a marketplace rate limit), with nothing in between to renew it.
        harness.Faults.Delay(FakeOperations.MarketplaceList, TimeSpan.FromSeconds(3.5));
        var poll = Task.Run(() => harness.First.Poller.PollAsync(WorkflowJson.ParsePoll(queued.Body), CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var queuedWhilePolling = await harness.First.Scheduler.QueueDuePollsAsync(CancellationToken.None);
        var counts = await poll;

        Assert.Equal(0, queuedWhilePolling);
        Assert.Equal(1, counts.OrdersReceived);
    }

    [Fact]
    public async Task OverlappingPollsOfOneIntegrationAnnounceEachNewOrderOnce()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, nodes: 2);
        await harness.AddIntegrationAsync(new IntegrationSettings { NotifyNewOrders = true });
        string[] ids = ["1001", "1002", "1003"];
        foreach (var id in ids)
        {
            harness.Marketplace.Place(Samples.MarketplaceOrder(id));
        }

        // A slow marketplace: both polls have read the checkpoint before either has listed anything.
        harness.Faults.Delay(FakeOperations.MarketplaceList, TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(
            Task.Run(() => harness.Nodes[0].Poller.PollAsync(new PollMessage { Integration = WorkflowHarness.IntegrationId, Run = "t1" }, CancellationToken.None)),
            Task.Run(() => harness.Nodes[1].Poller.PollAsync(new PollMessage { Integration = WorkflowHarness.IntegrationId, Run = "t2" }, CancellationToken.None)));
        harness.Faults.Clear();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);

        Assert.Equal(ids, await AnnouncedAsync(harness));
    }

    [Fact]
    public async Task ABackfillOverlappingAScheduledPollAnnouncesEachNewOrderOnce()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, nodes: 2);
        await harness.AddIntegrationAsync(new IntegrationSettings { NotifyNewOrders = true });
        string[] ids = ["1001", "1002", "1003", "1004"];
        foreach (var id in ids)
        {
            harness.Marketplace.Place(Samples.MarketplaceOrder(id));
        }

        await harness.Nodes[1].IntegrationOperations.RepollAsync(WorkflowHarness.IntegrationId, DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        await harness.QueuePollAsync();
        var polls = await harness.Storage.PollQueue.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(1));
        Assert.Equal(2, polls.Count);

        // Both have read the checkpoint before either lists (a slow marketplace); they race for every order's insert.
        harness.Faults.Delay(FakeOperations.MarketplaceList, TimeSpan.FromMilliseconds(500));
        await Task.WhenAll(polls.Select((m, i) => Task.Run(() => harness.Nodes[i].Poller.PollAsync(WorkflowJson.ParsePoll(m.Body), CancellationToken.None))));
        harness.Faults.Clear();
        foreach (var m in polls)
        {
            await harness.Storage.PollQueue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
        }

        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);
        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);

        Assert.Equal(ids, await AnnouncedAsync(harness));
    }

    [Fact]
    public async Task APollThatDiesAfterReceivingOrdersLeavesThemToBeAnnouncedOnce()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync(new IntegrationSettings { NotifyNewOrders = true });
        string[] ids = ["1001", "1002"];
        foreach (var id in ids)
        {
            harness.Marketplace.Place(Samples.MarketplaceOrder(id));
        }

        // The first attempt inserts the orders and dies at the shop listing, before its checkpoint and announcement; a
        // scheduled poll runs before the first poll's message comes back.
        harness.Faults.Fail(FakeOperations.ShopList, times: 1);
        await harness.QueuePollAsync();
        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);
        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);

        Assert.Equal(ids, await AnnouncedAsync(harness));
    }

    /// <summary>The orders announced as new, each notification counted once: a notification queued again (its outbox not
    /// cleared because another poll wrote the checkpoint meanwhile) carries the same id, and the sender delivers an id once.</summary>
    private static async Task<IReadOnlyList<string>> AnnouncedAsync(WorkflowHarness harness) =>
        [.. (await harness.NotificationsAsync())
            .Where(n => n.Kind == NotificationKinds.NewOrders)
            .DistinctBy(n => n.Id, StringComparer.Ordinal)
            .SelectMany(n => n.Orders ?? [])
            .Select(o => o.MarketplaceOrderId)
            .Order(StringComparer.Ordinal)];
}

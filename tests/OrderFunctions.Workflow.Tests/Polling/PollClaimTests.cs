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
}

using OrderFunctions.Hosting.Standalone.Queues;

namespace OrderFunctions.Hosting.Tests.Standalone.Queues;

public sealed class PollingBackoffTests
{
    [Fact]
    public void EmptyPollsBackOffExponentiallyUpToTheMaximum()
    {
        var backoff = new PollingBackoff(TimeSpan.FromSeconds(2), new Random(7));

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.NextDelay()).ToList();

        Assert.All(delays.Zip(delays.Skip(1)), pair => Assert.True(pair.Second >= pair.First, $"{pair.Second} after {pair.First}"));
        Assert.InRange(delays[0], TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(220));
        Assert.Equal(TimeSpan.FromSeconds(2), delays[^1]);
    }

    [Fact]
    public void FoundMessagesResetTheBackoff()
    {
        var backoff = new PollingBackoff(TimeSpan.FromMinutes(1), new Random(7));
        for (var i = 0; i < 8; i++)
        {
            backoff.NextDelay();
        }

        backoff.Reset();

        Assert.InRange(backoff.NextDelay(), TimeSpan.FromMilliseconds(180), TimeSpan.FromMilliseconds(220));
    }

    [Fact]
    public void JitterSpreadsListenersApart()
    {
        var a = new PollingBackoff(TimeSpan.FromMinutes(1), new Random(1));
        var b = new PollingBackoff(TimeSpan.FromMinutes(1), new Random(2));

        Assert.NotEqual(
            Enumerable.Range(0, 5).Select(_ => a.NextDelay()).ToList(),
            Enumerable.Range(0, 5).Select(_ => b.NextDelay()).ToList());
    }
}

using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Hosting.Standalone.Timers;
using OrderFunctions.Hosting.Tests.Standalone.Fakes;

namespace OrderFunctions.Hosting.Tests.Standalone.Timers;

public sealed class TimerListenerTests
{
    private const string EverySecond = "*/1 * * * * *";
    private const string OncePerYear = "0 0 0 1 1 *";

    private static FunctionDefinition[] Timer(string schedule, bool runOnStartup = false, bool useMonitor = true) =>
        [new("Heartbeat", new TimerTrigger(schedule, runOnStartup, useMonitor))];

    private static JsonElement TimerInfo(RecordedRequest request) => request.Json.GetProperty("Data").GetProperty("timer");

    [Fact]
    public async Task TimerFiresOnItsSecondsScheduleWithTheHostsRequest()
    {
        await using var harness = await StandaloneHarness.StartAsync(Timer(EverySecond));

        var requests = await harness.Handler.WaitForRequestsAsync(2);

        var first = requests[0];
        Assert.Equal("POST", first.Method);
        Assert.Equal("/Heartbeat", first.Path);
        Assert.Equal("application/json; charset=utf-8", first.Header("Content-Type"));
        Assert.StartsWith("Azure-Functions-Host/4.", first.Header("User-Agent"), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(first.Header("X-Azure-Functions-InvocationId"), out _));
        Assert.Equal(first.Header("User-Agent"), "Azure-Functions-Host/" + first.Header("X-Azure-Functions-HostVersion"));

        var timer = TimerInfo(first);
        Assert.True(timer.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal("Heartbeat", first.Json.GetProperty("Metadata").GetProperty("sys").GetProperty("MethodName").GetString());

        // More than once a minute: the host keeps no schedule status for such a timer, whatever useMonitor says.
        Assert.Equal(JsonValueKind.Null, timer.GetProperty("ScheduleStatus").ValueKind);
        Assert.Equal(["sys"], first.Json.GetProperty("Metadata").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ScheduleNamedBySettingIsResolvedFromConfiguration()
    {
        var options = new HarnessOptions { Settings = new Dictionary<string, string?> { ["HeartbeatSchedule"] = EverySecond } };
        await using var harness = await StandaloneHarness.StartAsync(Timer("%HeartbeatSchedule%"), options);

        var request = await harness.Handler.WaitForRequestAsync();

        Assert.Equal("/Heartbeat", request.Path);
    }

    [Fact]
    public async Task ScheduleNamingAMissingSettingFailsStartNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<StandaloneConfigurationException>(() => StandaloneHarness.StartAsync(Timer("%HeartbeatSchedule%")));

        Assert.Contains("'HeartbeatSchedule'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnStartupInvokesAtOnceAndRecordsTheRun()
    {
        var store = new InMemoryScheduleStatusStore();
        await using var harness = await StandaloneHarness.StartAsync(Timer(OncePerYear, runOnStartup: true), new HarnessOptions { ScheduleStatusStore = store });

        var request = await harness.Handler.WaitForRequestAsync();

        var timer = TimerInfo(request);
        var nextNewYear = new DateTimeOffset(DateTimeOffset.UtcNow.Year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.False(timer.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal("0001-01-01T00:00:00+00:00", timer.GetProperty("ScheduleStatus").GetProperty("Last").GetString());
        Assert.Equal(nextNewYear, timer.GetProperty("ScheduleStatus").GetProperty("Next").GetDateTimeOffset());
        await Eventually.TrueAsync(() => ScheduleStatus.IsSet(store.GetAsync("Heartbeat", default).Result!.Last), "the run is recorded");
        var recorded = (await store.GetAsync("Heartbeat", default))!;
        Assert.Equal(recorded.Last, recorded.LastUpdated);
        Assert.Equal(nextNewYear, recorded.Next);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task TimerDoesNotOverlapItself()
    {
        await using var harness = await StandaloneHarness.StartAsync(Timer(EverySecond), new HarnessOptions
        {
            Respond = async (_, cancel) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1.5), cancel);
                return FakeReply.Ok;
            },
        });

        var requests = await harness.Handler.WaitForRequestsAsync(3);

        Assert.Equal(1, harness.Handler.MaxConcurrentRequests);
        Assert.All(requests.Zip(requests.Skip(1)), pair => Assert.True(pair.Second.ReceivedAt >= pair.First.ReceivedAt.AddSeconds(1.4)));
    }

    [Fact]
    public async Task OccurrenceMissedWhileStoppedRunsAtStartAsPastDue()
    {
        var hourly = CronSchedule.Resolve("Heartbeat", "0 0 * * * *", new ConfigurationBuilder().Build());
        var lastRun = hourly.GetNextOccurrence(DateTimeOffset.UtcNow.AddHours(-3));
        var missed = hourly.GetNextOccurrence(lastRun);
        var store = new InMemoryScheduleStatusStore();
        await store.SetAsync("Heartbeat", new ScheduleStatus(lastRun, missed, lastRun), CancellationToken.None);

        await using var harness = await StandaloneHarness.StartAsync(Timer("0 0 * * * *"), new HarnessOptions { ScheduleStatusStore = store });
        var request = await harness.Handler.WaitForRequestAsync();

        var timer = TimerInfo(request);
        Assert.True(timer.GetProperty("IsPastDue").GetBoolean());
        Assert.Equal(missed, timer.GetProperty("ScheduleStatus").GetProperty("Next").GetDateTimeOffset());
        await Eventually.TrueAsync(() => store.GetAsync("Heartbeat", default).Result!.Last > missed, "the run is recorded as Last");
        Assert.True((await store.GetAsync("Heartbeat", default))!.Next > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task ChangedScheduleIsNotMistakenForAMissedOccurrence()
    {
        // Recorded under another schedule (its Next, long past, does not follow from its Last under the yearly one):
        // the host moves Next to the new schedule instead of running a "missed" occurrence.
        var store = new InMemoryScheduleStatusStore();
        var longAgo = DateTimeOffset.UtcNow.AddHours(-5);
        await store.SetAsync("Heartbeat", new ScheduleStatus(longAgo, longAgo.AddMinutes(7), longAgo), CancellationToken.None);

        await using var harness = await StandaloneHarness.StartAsync(Timer(OncePerYear, runOnStartup: true), new HarnessOptions { ScheduleStatusStore = store });
        var request = await harness.Handler.WaitForRequestAsync();

        Assert.False(TimerInfo(request).GetProperty("IsPastDue").GetBoolean());
    }

    [Fact]
    public async Task TimerWithoutMonitorSendsNullScheduleStatus()
    {
        await using var harness = await StandaloneHarness.StartAsync(Timer(OncePerYear, runOnStartup: true, useMonitor: false));

        var request = await harness.Handler.WaitForRequestAsync();

        Assert.Equal(JsonValueKind.Null, TimerInfo(request).GetProperty("ScheduleStatus").ValueKind);
        Assert.Equal(["sys"], request.Json.GetProperty("Metadata").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task FailedInvocationIsLoggedAndTheScheduleGoesOn()
    {
        await using var harness = await StandaloneHarness.StartAsync(Timer(EverySecond), new HarnessOptions { Respond = (_, _) => Task.FromResult(FakeReply.Fail(500)) });

        await harness.Handler.WaitForRequestsAsync(2);

        await Eventually.TrueAsync(
            () => harness.Logs.Lines.Any(l => l.Level == LogLevel.Error && l.Message.Contains("'Heartbeat'", StringComparison.Ordinal) && l.Message.Contains("handler answered 500", StringComparison.Ordinal)),
            "the failure is logged as an error");
    }

    [Fact]
    public async Task StatusStoreTimingOutAtStartDoesNotStopTheTimer()
    {
        // A storage call that times out surfaces as TaskCanceledException although nobody is stopping.
        var store = new FailingScheduleStatusStore(() => new TaskCanceledException("Injected: the storage request timed out."));
        await using var harness = await StandaloneHarness.StartAsync(Timer(OncePerYear, runOnStartup: true), new HarnessOptions { ScheduleStatusStore = store });

        var request = await harness.Handler.WaitForRequestAsync();

        Assert.Equal("/Heartbeat", request.Path);
        Assert.True(store.Calls > 0);
        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("schedule status could not be read or written", StringComparison.Ordinal));
        Assert.DoesNotContain(harness.Logs.Lines, l => l.Message.Contains("stopped unexpectedly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvocationTimingOutFailsAndTheScheduleGoesOn()
    {
        var options = new HarnessOptions
        {
            HostJsonExtra = "\"functionTimeout\": \"00:00:00.3\"",
            Respond = async (_, cancel) =>
            {
                await Task.Delay(Timeout.Infinite, cancel);
                return FakeReply.Ok;
            },
        };
        await using var harness = await StandaloneHarness.StartAsync(Timer(EverySecond), options);

        await harness.Handler.WaitForRequestsAsync(3);

        Assert.Contains(harness.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains("timed out after functionTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandlerLogsAreWrittenUnderTheFunctionName()
    {
        var options = new HarnessOptions { Respond = (_, _) => Task.FromResult(new FakeReply(200, """{"Outputs":{},"Logs":["polled 3 integrations","done"],"ReturnValue":null}""")) };
        await using var harness = await StandaloneHarness.StartAsync(Timer(OncePerYear, runOnStartup: true), options);

        await Eventually.TrueAsync(
            () => harness.Logs.Lines.Count(l => l.Category == "Function.Heartbeat.User" && l.Level == LogLevel.Information) == 2,
            "both handler log lines under Function.Heartbeat.User");

        Assert.Equal(["polled 3 integrations", "done"], harness.Logs.Lines.Where(l => l.Category == "Function.Heartbeat.User").Select(l => l.Message));
    }

    [Theory]
    [InlineData(204, null, "application/json", "empty body")]
    [InlineData(200, "null", "application/json", "JSON null")]
    [InlineData(200, "ok", "text/plain", "accepts only application/json")]
    public async Task ReplyTheHostCannotReadFailsTheInvocation(int status, string? body, string contentType, string reason)
    {
        var options = new HarnessOptions { Respond = (_, _) => Task.FromResult(new FakeReply(status, body, contentType)) };
        await using var harness = await StandaloneHarness.StartAsync(Timer(OncePerYear, runOnStartup: true), options);

        await Eventually.TrueAsync(
            () => harness.Logs.Lines.Any(l => l.Level == LogLevel.Error && l.Message.Contains(reason, StringComparison.Ordinal)),
            $"a failure naming '{reason}'");
    }

    /// <summary>Timer status storage that is down: every call fails with the given exception.</summary>
    private sealed class FailingScheduleStatusStore(Func<Exception> failure) : IScheduleStatusStore
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<ScheduleStatus?> GetAsync(string timerName, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromException<ScheduleStatus?>(failure());
        }

        public Task SetAsync(string timerName, ScheduleStatus status, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromException(failure());
        }
    }
}

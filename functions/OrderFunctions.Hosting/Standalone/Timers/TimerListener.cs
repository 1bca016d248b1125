using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone.Invocation;

namespace OrderFunctions.Hosting.Standalone.Timers;

/// <summary>
/// One timer function, driven as the host's TimerListener drives it: at start, a past-due occurrence recorded by the
/// monitor runs at once with <c>IsPastDue</c>, else <c>runOnStartup</c> runs once; then each occurrence in turn. The
/// next wait is computed after an invocation ends, so a timer never overlaps itself (a run longer than the interval is
/// followed at once by one catch-up run, not by a pile). Failures are logged and not retried, as in the host.
/// With the monitor on, each invocation sees the status as it was before it (its own occurrence is <c>Next</c>).
/// </summary>
internal sealed class TimerListener(
    string functionName,
    TimerTrigger trigger,
    CronSchedule schedule,
    IScheduleStatusStore statusStore,
    HandlerClient handler,
    TimeProvider time,
    ILogger logger)
{
    // Task.Delay works in whole milliseconds; waking a hair early is handled as the host does (see InvokeAsync).
    private static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(1);

    private readonly bool _useMonitor = trigger.UseMonitor && !schedule.IsSubMinute(time.GetUtcNow());
    private ScheduleStatus _status = null!;

    /// <summary>Whether status is kept and sent: <c>useMonitor</c>, unless the schedule fires more than once a minute.</summary>
    public bool UsesMonitor => _useMonitor;

    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        try
        {
            var pastDue = await StartStatusAsync(time.GetUtcNow(), stopping);
            StandaloneLog.TimerStarted(logger, functionName, schedule.Expression, _status.Next);
            if (pastDue)
            {
                StandaloneLog.TimerPastDue(logger, functionName, _status.Next);
                await InvokeAsync(time.GetUtcNow(), isPastDue: true, runOnStartup: false, abort);
            }
            else if (trigger.RunOnStartup)
            {
                StandaloneLog.TimerRunOnStartup(logger, functionName);
                await InvokeAsync(time.GetUtcNow(), isPastDue: false, runOnStartup: true, abort);
            }

            while (!stopping.IsCancellationRequested)
            {
                await WaitUntilAsync(_status.Next, stopping);
                await InvokeAsync(time.GetUtcNow(), isPastDue: false, runOnStartup: false, abort);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping before or between occurrences.
        }
    }

    /// <summary>Loads the monitor's record and decides whether an occurrence was missed (host ScheduleMonitor.CheckPastDueAsync).</summary>
    private async Task<bool> StartStatusAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        ScheduleStatus? recorded = null;
        if (_useMonitor)
        {
            try
            {
                recorded = await statusStore.GetAsync(functionName, cancellationToken);
                recorded = await ReconcileAsync(recorded, now, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Includes a storage timeout (TaskCanceledException): without status the timer still runs.
                StandaloneLog.TimerStatusUnavailable(logger, functionName, e);
            }
        }

        _status = recorded ?? new ScheduleStatus(ScheduleStatus.Never, schedule.GetNextOccurrence(now), ScheduleStatus.Never);
        return recorded is not null && now > recorded.Next;
    }

    /// <summary>A first start records its next occurrence (so one missed before the first run is still caught); a
    /// changed schedule moves <c>Next</c> to the new schedule instead of counting as past due.</summary>
    private async Task<ScheduleStatus> ReconcileAsync(ScheduleStatus? recorded, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (recorded is null)
        {
            var initial = new ScheduleStatus(ScheduleStatus.Never, schedule.GetNextOccurrence(now), now);
            await statusStore.SetAsync(functionName, initial, cancellationToken);
            return initial;
        }

        var basis = ScheduleStatus.IsSet(recorded.Last) ? recorded.Last
            : ScheduleStatus.IsSet(recorded.LastUpdated) ? recorded.LastUpdated
            : now;
        var expectedNext = schedule.GetNextOccurrence(basis);
        if (recorded.Next == expectedNext)
        {
            return recorded;
        }

        if (now > expectedNext)
        {
            expectedNext = schedule.GetNextOccurrence(now);
            basis = now;
        }

        var rescheduled = new ScheduleStatus(ScheduleStatus.Never, expectedNext, basis);
        await statusStore.SetAsync(functionName, rescheduled, cancellationToken);
        return rescheduled;
    }

    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken stopping)
    {
        for (var remaining = due - time.GetUtcNow(); remaining >= TimerResolution; remaining = due - time.GetUtcNow())
        {
            await Task.Delay(remaining < LongestDelay ? remaining : LongestDelay, time, stopping);
        }
    }

    private async Task InvokeAsync(DateTimeOffset invocationTime, bool isPastDue, bool runOnStartup, CancellationToken abort)
    {
        InvocationResult result;
        try
        {
            var payload = InvocationPayloads.ForTimer(_useMonitor ? _status : null, isPastDue, SystemBindingData.For(functionName, time));
            result = await handler.InvokeAsync(functionName, "Timer", payload, abort);
        }
        catch (Exception e) when (!abort.IsCancellationRequested)
        {
            // Counted as a failed run, so Next still moves on: later occurrences run, and the loop cannot spin.
            StandaloneLog.TimerInvocationError(logger, functionName, e);
            result = InvocationResult.Failed;
        }

        if (result == InvocationResult.Aborted)
        {
            // Not recorded as run: with a monitor, the next start runs it as past due.
            return;
        }

        // Woken just before the occurrence: count it as the occurrence, or the same Next would be computed twice.
        var adjusted = !isPastDue && !runOnStartup && _status.Next > invocationTime ? _status.Next : invocationTime;
        _status = new ScheduleStatus(adjusted, schedule.GetNextOccurrence(adjusted), adjusted);

        if (_useMonitor)
        {
            try
            {
                await statusStore.SetAsync(functionName, _status, CancellationToken.None);
            }
            catch (Exception e)
            {
                StandaloneLog.TimerStatusUnavailable(logger, functionName, e);
            }
        }
    }
}

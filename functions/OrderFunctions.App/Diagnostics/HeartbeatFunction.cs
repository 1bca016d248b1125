using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.App.Diagnostics;

/// <summary>Shows that timers reach the handler: one "heartbeat" line per firing, in the function's log.</summary>
internal sealed class HeartbeatFunction(TimeProvider time) : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, ILogger log, CancellationToken cancellationToken)
    {
        DiagnosticsLog.Heartbeat(log, time.GetUtcNow(), invocation.IsPastDue);
        return Task.CompletedTask;
    }
}

namespace OrderFunctions.Workflow.Orders.Execution;

public enum ExecutionOutcome
{
    /// <summary>The decision was carried out and committed.</summary>
    Applied,

    /// <summary>Nothing to do: late, duplicate, or nothing changed that matters. Nothing was written.</summary>
    NoOp,

    /// <summary>Another executor holds the order; the event was re-queued for when its lease ends.</summary>
    Deferred,

    /// <summary>A remote call failed transiently; progress was saved and a retry step queued (inline runs only).</summary>
    RetryScheduled,

    /// <summary>The order moved to Failed (a permanent error, or the last attempt).</summary>
    Failed,

    /// <summary>No such order (or its integration is gone).</summary>
    Unknown,
}

/// <summary>What an execution did, and the order's state afterwards (null when unknown).</summary>
public sealed record ExecutionResult(ExecutionOutcome Outcome, OrderState? State, string Note);

/// <summary>Which attempt this is and how a transient failure is retried: a queued step fails its invocation so the
/// queue retries it (and on the last attempt the order fails); an inline run (a poll, an operator action) saves its
/// progress and queues a retry step instead.</summary>
public readonly record struct ExecutionAttempt(int Number, int Max, bool Inline)
{
    public static ExecutionAttempt InlineRun => new(1, 1, Inline: true);

    public bool IsLast => !Inline && Number >= Max;

    public static ExecutionAttempt FromQueue(long dequeueCount, int maxDequeueCount) =>
        new((int)Math.Clamp(dequeueCount, 1, int.MaxValue), maxDequeueCount, Inline: false);
}

/// <summary>A queued step hit a transient failure: the invocation fails so the queue delivers it again.</summary>
public sealed class StepRetryException(string message, Exception innerException) : Exception(message, innerException);

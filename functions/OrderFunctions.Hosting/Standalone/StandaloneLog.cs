using Microsoft.Extensions.Logging;

namespace OrderFunctions.Hosting.Standalone;

/// <summary>Everything the standalone runtime logs. Never a key, never a message body or a whole payload.</summary>
internal static partial class StandaloneLog
{
    // Start and stop

    [LoggerMessage(1, LogLevel.Information, "Standalone runtime started: {FunctionCount} functions, HTTP front door at {FrontDoorUrl}, handler at {HandlerUrl}")]
    public static partial void RuntimeStarted(ILogger logger, int functionCount, Uri frontDoorUrl, Uri handlerUrl);

    [LoggerMessage(2, LogLevel.Information, "  {FunctionName}: timerTrigger '{Schedule}' (runOnStartup={RunOnStartup}, useMonitor={UseMonitor})")]
    public static partial void TimerFunction(ILogger logger, string functionName, string schedule, bool runOnStartup, bool useMonitor);

    [LoggerMessage(3, LogLevel.Information, "  {FunctionName}: queueTrigger on '{QueueName}' via connection '{Connection}' ({Account})")]
    public static partial void QueueFunction(ILogger logger, string functionName, string queueName, string connection, string account);

    [LoggerMessage(4, LogLevel.Information, "  {FunctionName}: httpTrigger {Methods} {Url} (authLevel {AuthLevel})")]
    public static partial void HttpFunction(ILogger logger, string functionName, string methods, string url, string authLevel);

    [LoggerMessage(5, LogLevel.Warning, "No '{Connection}' storage is configured: timer schedule status is kept in memory, so occurrences missed while the runtime is down are not run as past due")]
    public static partial void ScheduleStatusInMemory(ILogger logger, string connection);

    [LoggerMessage(6, LogLevel.Information, "Standalone runtime stopping: waiting up to {DrainTimeout} for in-flight invocations")]
    public static partial void RuntimeStopping(ILogger logger, TimeSpan drainTimeout);

    [LoggerMessage(7, LogLevel.Information, "Standalone runtime stopped")]
    public static partial void RuntimeStopped(ILogger logger);

    [LoggerMessage(8, LogLevel.Warning, "Standalone runtime stopped without waiting for every listener to settle; unsettled queue messages reappear when their lease ends")]
    public static partial void RuntimeStoppedUnsettled(ILogger logger);

    [LoggerMessage(9, LogLevel.Critical, "The {Trigger} listener of '{FunctionName}' stopped unexpectedly; the function no longer runs until restart")]
    public static partial void ListenerCrashed(ILogger logger, string trigger, string functionName, Exception exception);

    // Invocations

    [LoggerMessage(20, LogLevel.Information, "Executed '{FunctionName}' ({Trigger}, Succeeded, Id={InvocationId}, Duration={DurationMs:0}ms)")]
    public static partial void InvocationSucceeded(ILogger logger, string functionName, string trigger, string invocationId, double durationMs);

    [LoggerMessage(21, LogLevel.Error, "Executed '{FunctionName}' ({Trigger}, Failed, Id={InvocationId}, Duration={DurationMs:0}ms): {Reason}")]
    public static partial void InvocationFailed(ILogger logger, string functionName, string trigger, string invocationId, string reason, double durationMs);

    [LoggerMessage(22, LogLevel.Warning, "Invocation of '{FunctionName}' ({Trigger}, Id={InvocationId}) cut short: the runtime is stopping")]
    public static partial void InvocationAborted(ILogger logger, string functionName, string trigger, string invocationId);

    [LoggerMessage(23, LogLevel.Information, "{HandlerLog}")]
    public static partial void HandlerLogLine(ILogger logger, string handlerLog);

    // Timers

    [LoggerMessage(30, LogLevel.Debug, "Timer '{FunctionName}' started on '{Schedule}'; next occurrence {Next:o}")]
    public static partial void TimerStarted(ILogger logger, string functionName, string schedule, DateTimeOffset next);

    [LoggerMessage(31, LogLevel.Information, "Timer '{FunctionName}' is past due: the occurrence at {MissedOccurrence:o} was missed; running it now")]
    public static partial void TimerPastDue(ILogger logger, string functionName, DateTimeOffset missedOccurrence);

    [LoggerMessage(32, LogLevel.Information, "Timer '{FunctionName}' runs on startup")]
    public static partial void TimerRunOnStartup(ILogger logger, string functionName);

    [LoggerMessage(33, LogLevel.Warning, "Timer '{FunctionName}': schedule status could not be read or written; past-due detection may miss an occurrence")]
    public static partial void TimerStatusUnavailable(ILogger logger, string functionName, Exception exception);

    [LoggerMessage(34, LogLevel.Error, "Timer '{FunctionName}': the invocation could not be made; the schedule goes on")]
    public static partial void TimerInvocationError(ILogger logger, string functionName, Exception exception);

    // Queues

    [LoggerMessage(40, LogLevel.Warning, "'{FunctionName}' could not poll queue '{QueueName}'; backing off")]
    public static partial void QueuePollFailed(ILogger logger, string functionName, string queueName, Exception exception);

    [LoggerMessage(41, LogLevel.Warning, "Message {MessageId} of queue '{QueueName}': lease lost ({ErrorCode}); it may be delivered again")]
    public static partial void MessageLeaseLost(ILogger logger, string queueName, string messageId, string? errorCode);

    [LoggerMessage(42, LogLevel.Warning, "Message {MessageId} of queue '{QueueName}': lease renewal failed; retrying")]
    public static partial void MessageLeaseRenewalFailed(ILogger logger, string queueName, string messageId, Exception exception);

    [LoggerMessage(43, LogLevel.Warning, "'{FunctionName}' failed message {MessageId} of queue '{QueueName}' (attempt {DequeueCount} of {MaxDequeueCount}); it is retried after {VisibilityTimeout}")]
    public static partial void MessageWillRetry(ILogger logger, string functionName, string queueName, string messageId, long dequeueCount, int maxDequeueCount, TimeSpan visibilityTimeout);

    [LoggerMessage(44, LogLevel.Error, "'{FunctionName}': message {MessageId} of queue '{QueueName}' reached attempt {DequeueCount} of maxDequeueCount {MaxDequeueCount}; moved to '{PoisonQueueName}'")]
    public static partial void MessageMovedToPoison(ILogger logger, string functionName, string queueName, string messageId, long dequeueCount, int maxDequeueCount, string poisonQueueName);

    [LoggerMessage(45, LogLevel.Error, "'{FunctionName}': message {MessageId} of queue '{QueueName}' could not be settled; it becomes visible again when its lease ends")]
    public static partial void MessageSettleFailed(ILogger logger, string functionName, string queueName, string messageId, Exception exception);

    [LoggerMessage(46, LogLevel.Error, "'{FunctionName}': message {MessageId} of queue '{QueueName}' is not valid text for messageEncoding {MessageEncoding} (host.json extensions.queues); moved to '{PoisonQueueName}' without invoking")]
    public static partial void MessageUndecodable(ILogger logger, string functionName, string queueName, string messageId, OrderFunctions.Storage.Queues.QueueMessageEncoding messageEncoding, string poisonQueueName);

    [LoggerMessage(47, LogLevel.Warning, "'{FunctionName}': settling message {MessageId} of queue '{QueueName}' failed; retrying in {Delay}")]
    public static partial void MessageSettleRetrying(ILogger logger, string functionName, string queueName, string messageId, TimeSpan delay, Exception exception);

    // HTTP

    [LoggerMessage(50, LogLevel.Information, "HTTP {Method} {Path} -> '{FunctionName}': {StatusCode} (Id={InvocationId}, Duration={DurationMs:0}ms)")]
    public static partial void HttpInvocationCompleted(ILogger logger, string functionName, string method, string path, int statusCode, string invocationId, double durationMs);

    [LoggerMessage(51, LogLevel.Error, "HTTP {Method} {Path} -> '{FunctionName}' failed (Id={InvocationId}): {Reason}; answered 500")]
    public static partial void HttpInvocationFailed(ILogger logger, string functionName, string method, string path, string invocationId, string reason);
}

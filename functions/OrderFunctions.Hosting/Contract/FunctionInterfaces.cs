using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrderFunctions.Hosting.Contract;

// A function is a class resolved from dependency injection once per invocation (request-scoped services are
// invocation-scoped). Throwing fails the invocation: the host retries it (queue: after visibilityTimeout, then
// <queue>-poison). The log passed in belongs to the invocation: its Information and higher lines are returned in the
// response's Logs, which the host writes under the function's name.

/// <summary>A function started by a <see cref="Definitions.TimerTrigger"/>.</summary>
public interface ITimerFunction
{
    Task RunAsync(TimerInvocation invocation, ILogger log, CancellationToken cancellationToken);
}

/// <summary>A function started by a <see cref="Definitions.QueueTrigger"/>. Delivery is at least once: the same message
/// can arrive again, so the work must be idempotent.</summary>
public interface IQueueFunction
{
    Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken);
}

/// <summary>A function started by a <see cref="Definitions.HttpTrigger"/>. The host forwards the original request
/// (method, <c>/api/…</c> path, query, headers, body) and returns whatever this answers, 5xx included.</summary>
public interface IHttpFunction
{
    Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken);
}

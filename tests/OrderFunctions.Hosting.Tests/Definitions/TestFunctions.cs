using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.Hosting.Tests.Definitions;

// Do-nothing functions: the catalog only needs their types.
internal sealed class NoOpTimer : ITimerFunction
{
    public Task RunAsync(TimerInvocation invocation, ILogger log, CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class NoOpQueue : IQueueFunction
{
    public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed class NoOpHttp : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) => Task.FromResult(Results.NoContent());
}

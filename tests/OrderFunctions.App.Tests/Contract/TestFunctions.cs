using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.App.Tests.Contract;

internal static class TestFunctions
{
    public const string RecordingQueue = "RecordingQueue";
    public const string FailingQueue = "FailingQueue";
    public const string EchoHttp = "EchoHttp";
    public const string FailingHttp = "FailingHttp";
}

internal sealed class ReceivedMessages
{
    public ConcurrentQueue<QueueInvocation> Queue { get; } = new();
}

internal sealed partial class RecordingQueueFunction(ReceivedMessages received) : IQueueFunction
{
    public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken)
    {
        received.Queue.Enqueue(invocation);
        Received(log, invocation.MessageId, invocation.DequeueCount);
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "received {MessageId} (attempt {DequeueCount})")]
    private static partial void Received(ILogger logger, string messageId, long dequeueCount);
}

internal sealed class FailingQueueFunction : IQueueFunction
{
    public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("the shop did not answer");
}

/// <summary>Answers with what it was sent, to show the forwarded request arrives unchanged.</summary>
internal sealed class EchoHttpFunction : IHttpFunction
{
    public async Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return TypedResults.Json(new
        {
            method = context.Request.Method,
            path = context.Request.Path.Value,
            id = context.Request.RouteValues["id"],
            query = context.Request.QueryString.Value,
            invocationId = context.Request.Headers[InvocationHeaders.InvocationId].ToString(),
            body,
        });
    }
}

internal sealed class FailingHttpFunction : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("secret connection string would be here");
}

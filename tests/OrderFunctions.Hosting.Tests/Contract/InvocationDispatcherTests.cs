using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Contract;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Tests.Contract;

public sealed partial class InvocationDispatcherTests : IDisposable
{
    private readonly TestLoggerProvider logs = new();
    private readonly Invocations invocations = new();
    private readonly ServiceProvider services;

    public InvocationDispatcherTests()
    {
        var catalog = new FunctionCatalog()
            .AddTimer<RecordingTimer>("Tick", new TimerTrigger("0 */5 * * * *"))
            .AddQueue<RecordingQueue>("Consume", new QueueTrigger("work", "AzureWebJobsStorage"))
            .AddQueue<ThrowingQueue>("Explode", new QueueTrigger("work", "AzureWebJobsStorage"))
            .AddHttp<NoContentHttp>("Ping", new HttpTrigger("ping", ["get"], AuthorizationLevel.Anonymous));
        services = new ServiceCollection()
            .AddLogging(builder => builder.AddProvider(logs))
            .AddSingleton(invocations)
            .AddFunctionCatalog(catalog)
            .BuildServiceProvider();
    }

    public void Dispose() => services.Dispose();

    [Fact]
    public async Task TimerInvocationRunsTheFunctionAndReturnsItsLogLines()
    {
        var (status, body) = await InvokeAsync("tick", HostPayloads.TimerWithScheduleStatus, invocationId: "inv-1");

        Assert.Equal(200, status);
        var timer = Assert.IsType<TimerInvocation>(Assert.Single(invocations.Seen));
        Assert.Equal(("Tick", "inv-1"), (timer.FunctionName, timer.InvocationId));
        Assert.Equal("""{"Outputs":{},"Logs":["tick at 2026-01-08T10:00:00.0000000+00:00"],"ReturnValue":null}""", body);
    }

    [Fact]
    public async Task QueueInvocationGetsTheDecodedMessage()
    {
        var (status, _) = await InvokeAsync("Consume", HostPayloads.QueueFromHostCode);

        Assert.Equal(200, status);
        Assert.Equal("{\"orderId\":42}", Assert.IsType<QueueInvocation>(Assert.Single(invocations.Seen)).Message);
    }

    [Fact]
    public async Task EachInvocationGetsItsOwnFunctionInstance()
    {
        await InvokeAsync("Consume", HostPayloads.QueueFromHostCode);
        await InvokeAsync("Consume", HostPayloads.QueueFromHostCode);

        Assert.Equal(2, invocations.Instances.Distinct().Count());
    }

    [Fact]
    public async Task MissingInvocationIdHeaderGetsALocalOne()
    {
        await InvokeAsync("Consume", HostPayloads.QueueFromHostCode, invocationId: null);

        Assert.StartsWith("local-", Assert.IsType<QueueInvocation>(Assert.Single(invocations.Seen)).InvocationId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThrowingFunctionFailsWith500AndAJsonErrorWithoutTheStack()
    {
        var (status, body) = await InvokeAsync("Explode", HostPayloads.QueueFromHostCode, invocationId: "inv-9");

        Assert.Equal(500, status);
        Assert.Equal(
            """{"Error":"Explode failed: InvalidOperationException: stock service unavailable","Function":"Explode","InvocationId":"inv-9"}""",
            body);
        var error = Assert.Single(logs.Loggers[typeof(InvocationDispatcher).FullName!].Entries, e => e.Level == LogLevel.Error);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task WarningsOfAFailedInvocationStillReachTheAppLog()
    {
        await InvokeAsync("Explode", HostPayloads.QueueFromHostCode);

        Assert.Contains(logs.Loggers["Function.Explode"].Entries, e => e is { Level: LogLevel.Warning, Message: "about to fail" });
    }

    [Theory]
    [InlineData("not json", "The invocation request body is not valid JSON (line 1, byte 2).")]
    [InlineData("""{"Metadata":{}}""", "The invocation request has no Data object.")]
    [InlineData("""{"Data":{"msg":"\"x\""},"Metadata":{"DequeueCount":"x","Id":"\"m\""}}""", "Metadata.DequeueCount must be a whole number, but is a string.")]
    public async Task MalformedBodyIsRejectedWith400AndTheReasonWithoutRunningTheFunction(string requestBody, string reason)
    {
        var (status, body) = await InvokeAsync("Consume", requestBody, invocationId: "inv-2");

        Assert.Equal(400, status);
        Assert.Equal(reason, JsonDocument.Parse(body).RootElement.GetProperty("Error").GetString());
        Assert.Empty(invocations.Seen);
        Assert.Contains(logs.Loggers[typeof(InvocationDispatcher).FullName!].Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownFunctionIs404NamingIt()
    {
        var (status, body) = await InvokeAsync("Nope", HostPayloads.QueueFromHostCode);

        Assert.Equal(404, status);
        Assert.Equal("This app has no function named 'Nope'.", JsonDocument.Parse(body).RootElement.GetProperty("Error").GetString());
    }

    [Fact]
    public async Task HttpFunctionPostedAsAnInvocationIs404PointingAtItsRoute()
    {
        var (status, body) = await InvokeAsync("Ping", """{"Data":{"req":{}}}""");

        Assert.Equal(404, status);
        Assert.Contains("served at /api/ping", JsonDocument.Parse(body).RootElement.GetProperty("Error").GetString(), StringComparison.Ordinal);
    }

    private async Task<(int Status, string Body)> InvokeAsync(string functionName, string requestBody, string? invocationId = "inv")
    {
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "POST";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(requestBody));
        if (invocationId is not null)
        {
            context.Request.Headers[InvocationHeaders.InvocationId] = invocationId;
        }

        using var responseBody = new MemoryStream();
        context.Response.Body = responseBody;
        var result = await services.GetRequiredService<InvocationDispatcher>().InvokeAsync(functionName, context);
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(responseBody.ToArray()));
    }

    private sealed class Invocations
    {
        public List<object> Seen { get; } = [];

        public List<object> Instances { get; } = [];
    }

    private sealed partial class RecordingTimer(Invocations invocations) : ITimerFunction
    {
        public Task RunAsync(TimerInvocation invocation, ILogger log, CancellationToken cancellationToken)
        {
            invocations.Seen.Add(invocation);
            Ticked(log, invocation.ScheduleStatus!.Next);
            return Task.CompletedTask;
        }

        [LoggerMessage(LogLevel.Information, "tick at {Next:O}")]
        private static partial void Ticked(ILogger logger, DateTimeOffset next);
    }

    private sealed class RecordingQueue(Invocations invocations) : IQueueFunction
    {
        public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken)
        {
            invocations.Seen.Add(invocation);
            invocations.Instances.Add(this);
            return Task.CompletedTask;
        }
    }

    private sealed partial class ThrowingQueue : IQueueFunction
    {
        public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken)
        {
            AboutToFail(log);
            throw new InvalidOperationException("stock service unavailable");
        }

        [LoggerMessage(LogLevel.Warning, "about to fail")]
        private static partial void AboutToFail(ILogger logger);
    }

    private sealed class NoContentHttp : IHttpFunction
    {
        public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) => Task.FromResult(Results.NoContent());
    }
}

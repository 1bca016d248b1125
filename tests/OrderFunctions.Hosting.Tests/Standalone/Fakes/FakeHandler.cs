using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrderFunctions.Hosting.Tests.Standalone.Fakes;

/// <summary>One request as the fake handler received it (recorded on arrival, before it is answered).</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string QueryString,
    IReadOnlyDictionary<string, string[]> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value is { } values ? string.Join(",", values) : null;
}

/// <summary>What the fake handler answers.</summary>
public sealed record FakeReply(int Status, string? Body = "{}", string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null)
{
    public static readonly FakeReply Ok = new(200);

    public static FakeReply Fail(int status = 500) => new(status, "{\"error\":\"told to fail\"}");
}

/// <summary>
/// A custom handler stand-in: a small Kestrel app on a free loopback port that records every request and answers
/// as the test tells it (<see cref="Respond"/>), so tests see exactly what the runtime sends.
/// </summary>
public sealed class FakeHandler : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(15);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly object _signalGate = new();
    private TaskCompletionSource _signal = NewSignal();
    private int _inFlight;
    private int _maxInFlight;
    private int _readinessProbes;

    private FakeHandler(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Decides the reply; may wait (a slow function). Default: 200 <c>{}</c>.</summary>
    public Func<RecordedRequest, CancellationToken, Task<FakeReply>> Respond { get; set; } = (_, _) => Task.FromResult(FakeReply.Ok);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The most requests that were being answered at the same time.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public static async Task<FakeHandler> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        var app = builder.Build();
        var handler = new FakeHandler(app);
        app.Run(handler.HandleAsync);
        await app.StartAsync();
        handler.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return handler;
    }

    /// <summary>Waits (bounded) until <paramref name="count"/> recorded requests satisfy <paramref name="predicate"/>.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, Func<RecordedRequest, bool>? predicate = null, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultWait);
        while (true)
        {
            Task signal;
            lock (_signalGate)
            {
                signal = _signal.Task;
            }

            var matching = _requests.Where(predicate ?? (_ => true)).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {timeout ?? DefaultWait} for {count} matching requests; saw {matching.Count} (of {_requests.Count} in all).");
            }
        }
    }

    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool>? predicate = null, TimeSpan? timeout = null) =>
        (await WaitForRequestsAsync(1, predicate, timeout))[0];

    /// <summary>How many times the host's readiness probe (<c>GET /</c>) came; it is answered 200 and not recorded.</summary>
    public int ReadinessProbes => Volatile.Read(ref _readinessProbes);

    private async Task HandleAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/")
        {
            Interlocked.Increment(ref _readinessProbes);
            return;
        }

        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            Interlocked.CompareExchange(ref _maxInFlight, now, max);
        }

        try
        {
            var received = DateTimeOffset.UtcNow;
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToArray(), StringComparer.OrdinalIgnoreCase);
            var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body.ToArray(), received);
            Record(request);

            FakeReply reply;
            try
            {
                reply = await Respond(request, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            context.Response.StatusCode = reply.Status;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            if (reply.Body is not null)
            {
                context.Response.ContentType = reply.ContentType;
                await context.Response.WriteAsync(reply.Body, context.RequestAborted);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void Record(RecordedRequest request)
    {
        _requests.Enqueue(request);
        lock (_signalGate)
        {
            _signal.TrySetResult();
            _signal = NewSignal();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        using var stopDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopDeadline.Token);
        await _app.DisposeAsync();
    }
}

using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace OrderFunctions.Hosting.Standalone.Invocation;

/// <summary>How a trigger invocation ended, as far as the trigger is concerned.</summary>
internal enum InvocationResult
{
    Succeeded,

    /// <summary>Non-2xx, an invalid response, a timeout or an unreachable handler: the host fails the invocation.</summary>
    Failed,

    /// <summary>Cut short because the runtime is stopping; not the function's fault.</summary>
    Aborted,
}

/// <summary>
/// The runtime's one connection to the custom handler, configured as the host's own client (no redirects, no cookie
/// container). Sends timer and queue invocations the way DefaultHttpWorkerService.ProcessDefaultInvocationRequest does,
/// judges the reply by the host's rules, and logs the handler's returned <c>Logs</c> under the function's name.
/// </summary>
internal sealed class HandlerClient : IDisposable
{
    private static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly MediaTypeHeaderValue JsonContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly HttpClient _http;
    private readonly Uri _handlerUri;
    private readonly TimeSpan? _functionTimeout;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    public HandlerClient(Uri handlerUri, TimeSpan? functionTimeout, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _handlerUri = handlerUri;
        _functionTimeout = functionTimeout;
        _time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<HandlerClient>();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            // Each call is bounded by functionTimeout (or the caller's abort) instead.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public TimeSpan? FunctionTimeout => _functionTimeout;

    /// <summary>The handler address for <paramref name="pathAndQuery"/> (an absolute path, possibly with a query).</summary>
    public Uri UriFor(string pathAndQuery) => new(_handlerUri, pathAndQuery);

    /// <summary>A token that fires at functionTimeout (if any) or when <paramref name="abort"/> does.</summary>
    public CancellationTokenSource CreateInvocationScope(CancellationToken abort)
    {
        var scope = CancellationTokenSource.CreateLinkedTokenSource(abort);
        if (_functionTimeout is { } timeout)
        {
            scope.CancelAfter(timeout);
        }

        return scope;
    }

    /// <summary>For HTTP forwarding: sends as is and returns the buffered response, whatever its status.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>Adds what the host adds to every request it sends the handler.</summary>
    public static string AddHostHeaders(HttpRequestMessage request)
    {
        var invocationId = Guid.NewGuid().ToString();
        request.Headers.Add(HostIdentity.HostVersionHeader, HostIdentity.Version);
        request.Headers.Add(HostIdentity.InvocationIdHeader, invocationId);
        request.Headers.UserAgent.ParseAdd(HostIdentity.UserAgent);
        return invocationId;
    }

    /// <summary>Waits, as the host does before its first invocation, until the handler answers <c>GET /</c> with any
    /// status; only a refused connection means "not yet". False when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                try
                {
                    using var response = await _http.GetAsync(_handlerUri, deadline.Token);
                    return true;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(ReadinessPollInterval, _time, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>POST <c>/{functionName}</c> with <paramref name="body"/>; never throws for a handler problem.</summary>
    public async Task<InvocationResult> InvokeAsync(string functionName, string trigger, byte[] body, CancellationToken abort)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, UriFor("/" + Uri.EscapeDataString(functionName)));
        var invocationId = AddHostHeaders(request);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = JsonContentType;

        var started = _time.GetTimestamp();
        using var scope = CreateInvocationScope(abort);
        string failure;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, scope.Token);
            var reply = await response.Content.ReadAsByteArrayAsync(scope.Token);
            failure = Judge(response, reply, functionName);
            if (failure.Length == 0)
            {
                StandaloneLog.InvocationSucceeded(_logger, functionName, trigger, invocationId, _time.GetElapsedTime(started).TotalMilliseconds);
                return InvocationResult.Succeeded;
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            StandaloneLog.InvocationAborted(_logger, functionName, trigger, invocationId);
            return InvocationResult.Aborted;
        }
        catch (OperationCanceledException) when (scope.IsCancellationRequested)
        {
            failure = $"timed out after functionTimeout {_functionTimeout:c}";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            failure = $"handler unreachable at {_handlerUri}: {e.Message}";
        }
        catch (OperationCanceledException e)
        {
            // Neither stopping nor functionTimeout (e.g. a timeout inside the HTTP stack): still the invocation's failure.
            failure = $"cancelled: {e.Message}";
        }

        StandaloneLog.InvocationFailed(_logger, functionName, trigger, invocationId, failure, _time.GetElapsedTime(started).TotalMilliseconds);
        return InvocationResult.Failed;
    }

    /// <summary>The host's reading of a reply: EnsureSuccessStatusCode, then a JSON (not text) HttpScriptInvocationResult.
    /// Returns "" when the invocation succeeded, else why it failed. An empty or null body would leave the real host
    /// waiting until functionTimeout; here it fails at once, loudly, so the contract bug is seen.</summary>
    private string Judge(HttpResponseMessage response, byte[] reply, string functionName)
    {
        if (!response.IsSuccessStatusCode)
        {
            return $"handler answered {(int)response.StatusCode}";
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (reply.Length == 0)
        {
            return $"handler answered {(int)response.StatusCode} with an empty body (the Functions host would hang until functionTimeout; always return at least {{}})";
        }

        if (mediaType is not ("application/json" or "text/json"))
        {
            return $"handler answered Content-Type '{mediaType}'; the Functions host accepts only application/json";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(reply);
        }
        catch (JsonException e)
        {
            return $"handler answered invalid JSON: {e.Message}";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return "handler answered JSON null (the Functions host would hang until functionTimeout; always return at least {})";
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"handler answered a JSON {root.ValueKind}, not an object";
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!property.Name.Equals("Logs", StringComparison.OrdinalIgnoreCase) || property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    return "handler answered 'Logs' that is not an array of strings";
                }

                LogHandlerLines(functionName, property.Value);
            }
        }

        return "";
    }

    private void LogHandlerLines(string functionName, JsonElement logs)
    {
        // The host writes them with the function's own logger, as Information.
        var functionLogger = _loggerFactory.CreateLogger($"Function.{functionName}.User");
        foreach (var line in logs.EnumerateArray())
        {
            StandaloneLog.HandlerLogLine(functionLogger, line.ValueKind == JsonValueKind.String ? line.GetString() ?? "" : line.GetRawText());
        }
    }

    public void Dispose() => _http.Dispose();
}

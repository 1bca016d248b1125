using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Standalone.Invocation;

namespace OrderFunctions.Hosting.Standalone.Http;

/// <summary>
/// <c>customHandler.enableForwardingHttpRequest</c> as the host does it (HttpRequestExtensions.ToHttpRequestMessage +
/// DefaultHttpWorkerService.ProcessHttpInAndOutInvocationRequest): same method, the original path, the query rebuilt
/// from its parsed values, every request header copied plus the host's own, the body only when Content-Length &gt; 0
/// (so a chunked request without Content-Length arrives empty), no redirects followed, and the handler's response —
/// any status — returned as is. A handler that cannot be reached, or that outlives functionTimeout, is a 500.
/// </summary>
internal sealed class HttpForwarder(HandlerClient handler, TimeProvider time, ILogger logger)
{
    // Not forwarded: the body is re-framed by Content-Length or is not sent at all.
    private static readonly HashSet<string> RequestFramingHeaders = new(StringComparer.OrdinalIgnoreCase) { "Transfer-Encoding" };

    // Hop-by-hop response headers our server sets for its own connection.
    private static readonly HashSet<string> ResponseFramingHeaders = new(StringComparer.OrdinalIgnoreCase) { "Transfer-Encoding", "Connection", "Keep-Alive" };

    public async Task ForwardAsync(HttpContext context, HttpRoute route)
    {
        var started = time.GetTimestamp();
        var request = context.Request;
        using var message = CreateRequestMessage(request);
        var invocationId = HandlerClient.AddHostHeaders(message);

        using var scope = handler.CreateInvocationScope(context.RequestAborted);
        HttpResponseMessage response;
        try
        {
            response = await handler.SendAsync(message, scope.Token);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            var reason = e is OperationCanceledException ? $"timed out after functionTimeout {handler.FunctionTimeout:c}" : $"handler unreachable: {e.Message}";
            StandaloneLog.HttpInvocationFailed(logger, route.FunctionName, request.Method, request.Path.Value ?? "/", invocationId, reason);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            CopyHeaders(response.Headers, context.Response);
            CopyHeaders(response.Content.Headers, context.Response);
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }

        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        StandaloneLog.HttpInvocationCompleted(logger, route.FunctionName, request.Method, request.Path.Value ?? "/", (int)response.StatusCode, invocationId, elapsed);
    }

    private HttpRequestMessage CreateRequestMessage(HttpRequest request)
    {
        // The host rebuilds the query from its parsed form (repeated keys joined with ','), re-encoding it.
        var query = request.Query.ToDictionary(pair => pair.Key, pair => (string?)pair.Value.ToString());
        var message = new HttpRequestMessage(new HttpMethod(request.Method), handler.UriFor(QueryHelpers.AddQueryString(request.Path.ToUriComponent(), query)));

        foreach (var (name, values) in request.Headers)
        {
            if (!RequestFramingHeaders.Contains(name))
            {
                // Content headers are refused here and set on the content below, as in the host.
                message.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        if (request.ContentLength > 0)
        {
            message.Content = new StreamContent(request.Body);
            message.Content.Headers.ContentLength = request.ContentLength;
            if (!string.IsNullOrEmpty(request.ContentType))
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        return message;
    }

    private static void CopyHeaders(System.Net.Http.Headers.HttpHeaders headers, HttpResponse response)
    {
        foreach (var (name, values) in headers)
        {
            if (!ResponseFramingHeaders.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }
    }
}

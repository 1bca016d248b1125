using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Http;

/// <summary>
/// The HTTP side of one platform account: a base address, a pipeline (auth policies + retries), and the mapping of
/// every failure to a <see cref="ConnectorException"/> that names the platform, the call and the order — never
/// a credential or a whole response body.
/// </summary>
public sealed class PlatformClient
{
    private const int MaxErrorDetailLength = 300;

    private readonly HttpPipeline _pipeline;

    public PlatformClient(string platform, Uri baseUri, ConnectorClientOptions options, params HttpPipelinePolicy[] perRetryPolicies)
    {
        ArgumentNullException.ThrowIfNull(options);
        Platform = platform;
        BaseUri = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        _pipeline = HttpPipelineBuilder.Build(options, [], perRetryPolicies, new ResponseClassifier());
    }

    public string Platform { get; }

    public Uri BaseUri { get; }

    /// <summary>Sends a request and returns the response when it is a success (2xx); otherwise throws
    /// <see cref="ConnectorException"/> (transient for 408, 429 and 5xx, after the pipeline's own retries).</summary>
    /// <param name="relativeUri">Relative to <see cref="BaseUri"/>, query included (no leading '/').</param>
    public Task<Response> SendAsync(
        RequestMethod method,
        string relativeUri,
        PlatformRequestBody? body = null,
        Action<Request>? configure = null,
        string? orderId = null,
        CancellationToken cancellationToken = default) =>
        SendCoreAsync(method, relativeUri, body, configure, orderId, retry: true, cancellationToken);

    /// <summary>Like <see cref="SendAsync"/> but without the pipeline's automatic retries: for calls that are not
    /// idempotent (creating an order), where a failure may still have been applied remotely. The caller looks at the
    /// remote state before trying again; a failure is still reported as transient or not.</summary>
    public Task<Response> SendOnceAsync(
        RequestMethod method,
        string relativeUri,
        PlatformRequestBody? body = null,
        Action<Request>? configure = null,
        string? orderId = null,
        CancellationToken cancellationToken = default) =>
        SendCoreAsync(method, relativeUri, body, configure, orderId, retry: false, cancellationToken);

    private async Task<Response> SendCoreAsync(
        RequestMethod method,
        string relativeUri,
        PlatformRequestBody? body,
        Action<Request>? configure,
        string? orderId,
        bool retry,
        CancellationToken cancellationToken)
    {
        // The message itself is not disposed: its response is buffered (no connection held) and is handed to the
        // caller; only the request owns resources.
        var message = _pipeline.CreateMessage();
        using var request = message.Request;
        if (!retry)
        {
            message.ResponseClassifier = NoRetryClassifier.Instance;
        }

        request.Method = method;
        request.Uri.Reset(new Uri(BaseUri, relativeUri));
        if (body is not null)
        {
            request.Headers.Add(HttpHeader.Names.ContentType, body.ContentType);
            request.Content = RequestContent.Create(body.Content);
        }

        configure?.Invoke(request);

        Response response;
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            response = message.Response;
        }
        catch (RequestFailedException e)
        {
            // The transport gave up (connection refused, timeouts) after its retries.
            throw new ConnectorException(Platform, $"{Platform}: {method} {PathOf(relativeUri)} could not be completed: {e.Message}", isTransient: true, orderId: orderId, innerException: e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Azure.Core reports its network timeout (ConnectorClientOptions.Retry.NetworkTimeout) as a cancellation.
            throw new ConnectorException(Platform, $"{Platform}: {method} {PathOf(relativeUri)} timed out.", isTransient: true, orderId: orderId, innerException: e);
        }
        catch (AggregateException e) when (!cancellationToken.IsCancellationRequested)
        {
            // After several failed attempts (timeouts, refused connections) Azure.Core throws them all together.
            var timedOut = e.InnerExceptions.Any(i => i is OperationCanceledException);
            throw new ConnectorException(Platform, $"{Platform}: {method} {PathOf(relativeUri)} {(timedOut ? "timed out" : "could not be completed")} after {e.InnerExceptions.Count} attempts.", isTransient: true, orderId: orderId, innerException: e);
        }

        if (response.Status is >= 200 and < 300)
        {
            return response;
        }

        throw ToException(method, relativeUri, response, orderId);
    }

    /// <summary>Sends a request and parses the JSON answer; an empty or non-JSON answer (an HTML error page from a
    /// proxy, say) is a clear error rather than a parser exception.</summary>
    public async Task<JsonDocument> SendForJsonAsync(
        RequestMethod method,
        string relativeUri,
        PlatformRequestBody? body = null,
        Action<Request>? configure = null,
        string? orderId = null,
        CancellationToken cancellationToken = default)
    {
        var response = await SendAsync(method, relativeUri, body, configure, orderId, cancellationToken).ConfigureAwait(false);
        return ParseJson(response, method, relativeUri, orderId);
    }

    public JsonDocument ParseJson(Response response, RequestMethod method, string relativeUri, string? orderId)
    {
        ArgumentNullException.ThrowIfNull(response);
        var mediaType = response.Headers.ContentType;
        if (mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConnectorException(Platform, $"{Platform}: {method} {PathOf(relativeUri)} answered {response.Status} with '{mediaType}' instead of JSON.", isTransient: true, response.Status, orderId);
        }

        try
        {
            return JsonDocument.Parse(response.Content.ToMemory());
        }
        catch (JsonException e)
        {
            throw new ConnectorException(Platform, $"{Platform}: {method} {PathOf(relativeUri)} answered {response.Status} with a body that is not valid JSON ({e.Message}).", isTransient: false, response.Status, orderId, innerException: e);
        }
    }

    private ConnectorException ToException(RequestMethod method, string relativeUri, Response response, string? orderId)
    {
        var status = response.Status;
        var transient = status is 408 or 429 or >= 500;
        var detail = Summarize(response);
        var message = $"{Platform}: {method} {PathOf(relativeUri)} answered {status}{(detail.Length > 0 ? ": " + detail : ".")}";
        return new ConnectorException(Platform, message, transient, status, orderId)
        {
            RetryAfter = RetryAfterOf(response),
            IsThrottled = status == 429,
        };
    }

    /// <summary>A short, single-line excerpt of an error body: enough to see the platform's reason, bounded so a
    /// whole HTML page (or anything personal in a large payload) does not end up in logs.</summary>
    private static string Summarize(Response response)
    {
        var mediaType = response.Headers.ContentType ?? "";
        if (mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return "an HTML page instead of JSON (a proxy or gateway error?)";
        }

        var text = Encoding.UTF8.GetString(response.Content.ToMemory().Span);
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxErrorDetailLength ? text : text[..MaxErrorDetailLength] + "…";
    }

    private static TimeSpan? RetryAfterOf(Response response)
    {
        if (!response.Headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow
            : null;
    }

    /// <summary>The path without the query: queries can carry credentials (WooCommerce's consumer_secret fallback).</summary>
    private static string PathOf(string relativeUri)
    {
        var q = relativeUri.IndexOf('?', StringComparison.Ordinal);
        return "/" + (q < 0 ? relativeUri : relativeUri[..q]);
    }
}

/// <summary>Classifies nothing as retriable, so the pipeline's retry policy passes a message through once.</summary>
internal sealed class NoRetryClassifier : ResponseClassifier
{
    public static NoRetryClassifier Instance { get; } = new();

    public override bool IsRetriableResponse(HttpMessage message) => false;

    public override bool IsRetriableException(Exception exception) => false;

    public override bool IsRetriable(HttpMessage message, Exception exception) => false;
}

/// <summary>A request body with its media type.</summary>
public sealed record PlatformRequestBody(BinaryData Content, string ContentType)
{
    public static PlatformRequestBody Json<T>(T value, string contentType = "application/json") =>
        new(BinaryData.FromObjectAsJson(value, JsonDefaults.Options), contentType);
}

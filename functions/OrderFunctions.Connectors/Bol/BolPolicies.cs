using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Bol;

/// <summary>
/// Access tokens from bol's login host (client credentials, Basic auth, form body), cached and shared by every call
/// of one connector instance. A token is replaced shortly before it expires (30 s, or a fifth of its life when
/// shorter) and at once when bol rejects it (<see cref="BolAuthPolicy"/>). One request for a new token at a time.
/// </summary>
internal sealed class BolTokenSource(BolAccount account, ConnectorClientOptions options, TimeProvider time)
{
    private static readonly TimeSpan MaxRefreshMargin = TimeSpan.FromSeconds(30);

    private readonly PlatformClient _login = new(MarketplaceCatalog.Bol, new Uri(account.TokenUrl, "/"), options);
    private readonly string _tokenPath = account.TokenUrl.PathAndQuery.TrimStart('/');
    private readonly string _basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.ClientId}:{account.ClientSecret}"));
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CachedToken? _current;

    /// <summary>A live token; a new one when the cached one is due or is <paramref name="rejected"/>.</summary>
    public async ValueTask<string> GetAsync(string? rejected, CancellationToken cancellationToken)
    {
        if (Usable(Volatile.Read(ref _current), rejected) is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Usable(_current, rejected) is { } fresh)
            {
                return fresh;
            }

            var requestedAt = time.GetUtcNow();
            var (value, lifetime) = await RequestAsync(cancellationToken);
            var margin = TimeSpan.FromTicks(Math.Min(MaxRefreshMargin.Ticks, lifetime.Ticks / 5));
            Volatile.Write(ref _current, new CachedToken(value, requestedAt + lifetime - margin));
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string? Usable(CachedToken? cached, string? rejected) =>
        cached is not null && cached.Value != rejected && time.GetUtcNow() < cached.RefreshAt ? cached.Value : null;

    private async Task<(string Token, TimeSpan Lifetime)> RequestAsync(CancellationToken cancellationToken)
    {
        using var document = await _login.SendForJsonAsync(
            RequestMethod.Post,
            _tokenPath,
            new PlatformRequestBody(BinaryData.FromString("grant_type=client_credentials"), "application/x-www-form-urlencoded"),
            request =>
            {
                request.Headers.SetValue(HttpHeader.Names.Authorization, _basic);
                request.Headers.SetValue(HttpHeader.Names.Accept, "application/json");
            },
            cancellationToken: cancellationToken);
        var answer = PayloadReader.Root(document.RootElement, MarketplaceCatalog.Bol);
        var tokenType = answer.Required("token_type");
        if (!string.Equals(tokenType.AsString(), "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            throw tokenType.Error(tokenType.Path, "is not Bearer");
        }

        var expiresIn = answer.Required("expires_in");
        var seconds = expiresIn.AsInt32();
        return seconds > 0
            ? (answer.Required("access_token").AsNonEmptyString(), TimeSpan.FromSeconds(seconds))
            : throw expiresIn.Error(expiresIn.Path, "is not positive");
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
}

/// <summary>Puts the bearer token on every Retailer API call; on 401 (the token expired or was revoked early) gets a new
/// one and sends the request once more. Per retry, so a retried request carries a live token.</summary>
internal sealed class BolAuthPolicy(BolTokenSource tokens) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var token = await tokens.GetAsync(rejected: null, message.CancellationToken);
        Authorize(message, token);
        await ProcessNextAsync(message, pipeline);
        if (message.Response.Status == 401)
        {
            Authorize(message, await tokens.GetAsync(rejected: token, message.CancellationToken));
            await ProcessNextAsync(message, pipeline);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("Connectors send asynchronously.");

    private static void Authorize(HttpMessage message, string token) =>
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, "Bearer " + token);
}

/// <summary>
/// bol's rate limits are per endpoint and unpublished, so the throttle is driven by the answers: every response carries
/// <c>x-ratelimit-remaining</c> and <c>x-ratelimit-reset</c> (seconds). When the budget of an endpoint is spent, later
/// calls to it wait for the reset instead of collecting 429s (bol contacts integrators who cause many); a 429's
/// <c>Retry-After</c> blocks the endpoint likewise (the pipeline's retry waits it out and tries again).
/// </summary>
internal sealed class BolRateLimitPolicy(TimeProvider time) : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var endpoint = EndpointOf(message.Request.Method.Method, message.Request.Uri.Path);
        var wait = WaitFor(endpoint);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, message.CancellationToken);
        }

        await ProcessNextAsync(message, pipeline);
        Observe(endpoint, message.Response);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("Connectors send asynchronously.");

    /// <summary>bol's rules match a method and a path like <c>/retailer/orders</c> or <c>/retailer/orders/*</c>.</summary>
    internal static string EndpointOf(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        return $"{method} /{string.Join('/', segments.Take(2))}{(segments.Length > 2 ? "/*" : "")}";
    }

    private TimeSpan WaitFor(string endpoint)
    {
        lock (_gate)
        {
            return _blockedUntil.TryGetValue(endpoint, out var until) ? until - time.GetUtcNow() : TimeSpan.Zero;
        }
    }

    private void Observe(string endpoint, Response response)
    {
        TimeSpan? block = null;
        if (response.Status == 429 && Number(response, "Retry-After") is { } retryAfter)
        {
            block = Duration(retryAfter);
        }
        else if (Number(response, "x-ratelimit-remaining") <= 0 && Number(response, "x-ratelimit-reset") is { } reset)
        {
            block = Duration(reset);
        }

        if (block is { } duration)
        {
            lock (_gate)
            {
                _blockedUntil[endpoint] = time.GetUtcNow() + duration;
            }
        }
    }

    private static long? Number(Response response, string header) =>
        response.Headers.TryGetValue(header, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>Whole seconds; a value that looks like a Unix time (some bol answers send one in x-ratelimit-reset)
    /// is turned into the time left until then.</summary>
    private TimeSpan Duration(long seconds)
    {
        const long unixTimeThreshold = 1_000_000_000;
        return seconds >= unixTimeThreshold
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) - time.GetUtcNow()
            : TimeSpan.FromSeconds(seconds);
    }
}

using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderFunctions.Connectors.Trendyol;

/// <summary>Every Seller API call: Basic auth with the API key and secret, the required
/// <c>User-Agent: {sellerId} - {IntegratorName}</c> (without it Trendyol answers 403), and <c>storeFrontCode</c>
/// when the account has one. Per retry, so a retried request carries them too.</summary>
internal sealed class TrendyolHeadersPolicy(TrendyolAccount account) : HttpPipelineSynchronousPolicy
{
    private readonly string _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.ApiKey}:{account.ApiSecret}"));

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, _authorization);

        // Replaces the Azure SDK's own User-Agent: Trendyol identifies the integrator by this exact value.
        message.Request.Headers.SetValue(HttpHeader.Names.UserAgent, account.UserAgent);
        if (account.StoreFrontCode is { } storeFront)
        {
            message.Request.Headers.SetValue("storeFrontCode", storeFront);
        }
    }
}

/// <summary>
/// Trendyol's documented limit kept on our side: at most N requests to the same endpoint in any window (50 per 10 s),
/// so the connector waits instead of collecting 429s. A sliding log per endpoint (<see cref="TrendyolApi.EndpointOf"/>);
/// retries count, since Trendyol counts every request. Shared by all calls of one connector instance.
/// </summary>
internal sealed class TrendyolRateLimitPolicy(int limit, TimeSpan window, TimeProvider time) : HttpPipelinePolicy
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _sent = new(StringComparer.Ordinal);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var endpoint = TrendyolApi.EndpointOf(message.Request.Method.Method, message.Request.Uri.Path);
        while (TryTake(endpoint) is { } wait)
        {
            await Task.Delay(wait, time, message.CancellationToken);
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("Connectors send asynchronously.");

    /// <summary>Takes a slot and returns null, or returns how long until the oldest request leaves the window.</summary>
    private TimeSpan? TryTake(string endpoint)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_sent.TryGetValue(endpoint, out var log))
            {
                log = new Queue<DateTimeOffset>();
                _sent.Add(endpoint, log);
            }

            while (log.Count > 0 && now - log.Peek() >= window)
            {
                log.Dequeue();
            }

            if (log.Count < limit)
            {
                log.Enqueue(now);
                return null;
            }

            return log.Peek() + window - now;
        }
    }
}

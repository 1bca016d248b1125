using System.Collections.Concurrent;
using System.Threading.Channels;

namespace OrderFunctions.Sandbox.Common;

/// <summary>One webhook POST a simulator made, and how the receiver answered (0 = no answer: connection failed).</summary>
public sealed record WebhookDelivery(string DeliveryId, Uri Url, string Topic, int ResponseStatus);

/// <summary>
/// Sends a simulator's webhook deliveries in the background, one at a time and in order (like WooCommerce's wp-cron
/// queue and Shopify's delivery service), and records each outcome for tests. The platform-specific headers and
/// signature are the simulator's business; this only posts bytes.
/// </summary>
public sealed class WebhookDispatcher : IAsyncDisposable
{
    private const int MaxRecorded = 10_000;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<WebhookDelivery> _delivered = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly Task _worker;

    public WebhookDispatcher()
    {
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Deliveries made so far (the last 10,000), oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> Delivered => [.. _delivered];

    /// <summary>Queues a POST of <paramref name="body"/> (JSON) with the given headers; <paramref name="onResult"/>
    /// learns the receiver's status code.</summary>
    public void Enqueue(Uri url, string topic, string deliveryId, byte[] body, IReadOnlyDictionary<string, string> headers, Action<int>? onResult = null) =>
        _queue.Writer.TryWrite(new Pending(url, topic, deliveryId, body, headers, onResult));

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker;
        _http.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var pending in _queue.Reader.ReadAllAsync())
        {
            int status;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, pending.Url);
                request.Content = new ByteArrayContent(pending.Body);
                request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
                foreach (var (name, value) in pending.Headers)
                {
                    request.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await _http.SendAsync(request);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            catch (TaskCanceledException)
            {
                status = 0;
            }

            _delivered.Enqueue(new WebhookDelivery(pending.DeliveryId, pending.Url, pending.Topic, status));
            while (_delivered.Count > MaxRecorded && _delivered.TryDequeue(out _))
            {
                // Keep the recent deliveries only: a demo run lasts long.
            }

            pending.OnResult?.Invoke(status);
        }
    }

    private sealed record Pending(Uri Url, string Topic, string DeliveryId, byte[] Body, IReadOnlyDictionary<string, string> Headers, Action<int>? OnResult);
}

namespace OrderFunctions.Sandbox.Common;

/// <summary>
/// A platform's rate limit as a sliding window per key (e.g. method + route): at most <c>limit</c> requests in any
/// <c>window</c>. Simulators use it to answer 429 the way the platform documents, so connectors' own throttling is
/// tested against a server that really refuses. Thread-safe.
/// </summary>
public sealed class RequestWindowCounter(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _requests = new(StringComparer.Ordinal);

    public int Limit => limit;

    /// <summary>Counts a request under <paramref name="key"/> unless the window is full.</summary>
    /// <returns>Whether it is allowed, the requests left in the window after it, and when the oldest counted request
    /// leaves the window.</returns>
    public (bool Allowed, int Remaining, TimeSpan ResetAfter) TryTake(string key)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_requests.TryGetValue(key, out var log))
            {
                log = new Queue<DateTimeOffset>();
                _requests.Add(key, log);
            }

            while (log.Count > 0 && now - log.Peek() >= window)
            {
                log.Dequeue();
            }

            var allowed = log.Count < limit;
            if (allowed)
            {
                log.Enqueue(now);
            }

            var resetAfter = log.Count == 0 ? TimeSpan.Zero : log.Peek() + window - now;
            return (allowed, limit - log.Count, resetAfter);
        }
    }
}

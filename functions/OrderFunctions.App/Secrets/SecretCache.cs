using System.Collections.Concurrent;

namespace OrderFunctions.App.Secrets;

/// <summary>
/// Keeps secret values for a short time, so that every connector step does not cost a Key Vault call while a rotated
/// secret is still picked up within the lifetime. Concurrent reads of one name share one fetch; failures
/// are not kept (the next read tries again).
/// </summary>
internal sealed class SecretCache(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<Entry>>> _entries = new(StringComparer.Ordinal);

    public async Task<string> GetAsync(string name, Func<string, CancellationToken, Task<string>> fetch, CancellationToken cancellationToken)
    {
        var entry = await GetEntryAsync(name, fetch, cancellationToken);
        if (time.GetUtcNow() < entry.ExpiresAt)
        {
            return entry.Value;
        }

        // Expired: drop it (unless another caller already has) and read once more.
        _entries.TryRemove(KeyValuePair.Create(name, entry.Source));
        return (await GetEntryAsync(name, fetch, cancellationToken)).Value;
    }

    private async Task<(string Value, DateTimeOffset ExpiresAt, Lazy<Task<Entry>> Source)> GetEntryAsync(
        string name, Func<string, CancellationToken, Task<string>> fetch, CancellationToken cancellationToken)
    {
        var lazy = _entries.GetOrAdd(name, n => new Lazy<Task<Entry>>(() => FetchAsync(n, fetch)));
        try
        {
            var entry = await lazy.Value.WaitAsync(cancellationToken);
            return (entry.Value, entry.ExpiresAt, lazy);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Failures are not kept: the next read tries again.
            _entries.TryRemove(KeyValuePair.Create(name, lazy));
            throw;
        }
    }

    // The fetch is shared by every waiting caller, so no single caller's token may cancel it.
    private async Task<Entry> FetchAsync(string name, Func<string, CancellationToken, Task<string>> fetch) =>
        new(await fetch(name, CancellationToken.None), time.GetUtcNow() + lifetime);

    private sealed record Entry(string Value, DateTimeOffset ExpiresAt)
    {
        // Never print the value.
        public override string ToString() => $"expires {ExpiresAt:o}";
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OrderFunctions.Storage.Diagnostics;

/// <summary>
/// Storage transactions by operation kind, as the service bills them: one per request sent, retries included.
/// Filled by a pipeline policy on every Table and Queue request; the benchmarks read it (DESIGN §5).
/// Thread-safe. Kinds: <c>table.get</c>, <c>table.query</c>, <c>table.insert</c>, <c>table.update</c>,
/// <c>table.merge</c>, <c>table.upsert</c>, <c>table.delete</c>, <c>table.batch</c>, <c>table.create</c>,
/// <c>queue.put</c>, <c>queue.get</c>, <c>queue.peek</c>, <c>queue.delete</c>, <c>queue.update</c>,
/// <c>queue.create</c>, <c>queue.metadata</c>, <c>queue.clear</c>, <c>other</c>
/// (see <see cref="StorageOperationKinds"/>).
/// </summary>
public sealed class StorageTransactionCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);
    private long _total;

    public void Record(string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var count = _counts.GetOrAdd(kind, static _ => new StrongBox<long>());
        Interlocked.Increment(ref count.Value);
        Interlocked.Increment(ref _total);
    }

    public long Total => Interlocked.Read(ref _total);

    /// <summary>A copy of the counts so far, by kind.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.ToDictionary(pair => pair.Key, pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal);

    /// <summary>Starts again from zero. Requests recorded while this runs may or may not be kept.</summary>
    public void Reset()
    {
        _counts.Clear();
        Interlocked.Exchange(ref _total, 0);
    }
}

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
/// (see <see cref="StorageOperationKinds"/>). Each request is also counted under its kind and the table or queue it
/// addresses (<c>table.batch Orders</c>, <c>queue.put workflow-steps</c>), so that a figure can be traced to its cause.
/// </summary>
public sealed class StorageTransactionCounter
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Kind, string Resource), StrongBox<long>> _countsByResource = new();
    private long _total;

    /// <summary>One transaction of <paramref name="kind"/> against the table or queue <paramref name="resource"/>
    /// (null: a request that addresses no single one).</summary>
    public void Record(string kind, string? resource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);

        // Kind before resource: a reader that takes the resources before the kinds never sees more under a kind's
        // resources than under the kind.
        Interlocked.Increment(ref _counts.GetOrAdd(kind, static _ => new StrongBox<long>()).Value);
        if (!string.IsNullOrEmpty(resource))
        {
            Interlocked.Increment(ref _countsByResource.GetOrAdd((kind, resource), static _ => new StrongBox<long>()).Value);
        }

        Interlocked.Increment(ref _total);
    }

    public long Total => Interlocked.Read(ref _total);

    /// <summary>A copy of the counts so far, by kind.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        _counts.ToDictionary(pair => pair.Key, pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal);

    /// <summary>A copy of the counts so far by kind and resource, keyed <c>"{kind} {table or queue}"</c>
    /// (<c>table.batch Orders</c>); requests recorded without a resource are only in <see cref="Snapshot"/>.</summary>
    public IReadOnlyDictionary<string, long> SnapshotByResource() =>
        _countsByResource.ToDictionary(pair => ResourceKey(pair.Key.Kind, pair.Key.Resource), pair => Interlocked.Read(ref pair.Value.Value), StringComparer.Ordinal);

    /// <summary>The key of <see cref="SnapshotByResource"/> for a kind and a table or queue.</summary>
    public static string ResourceKey(string kind, string resource) => kind + " " + resource;

    /// <summary>Starts again from zero. Requests recorded while this runs may or may not be kept.</summary>
    public void Reset()
    {
        _counts.Clear();
        _countsByResource.Clear();
        Interlocked.Exchange(ref _total, 0);
    }
}

namespace OrderFunctions.Storage.Diagnostics;

/// <summary>
/// Storage transactions by operation kind, as the service bills them: one per request sent, retries included.
/// Filled by a pipeline policy on every Table and Queue request; the benchmarks read it (DESIGN §5).
/// Thread-safe. Kinds: <c>table.get</c>, <c>table.query</c>, <c>table.insert</c>, <c>table.update</c>,
/// <c>table.merge</c>, <c>table.upsert</c>, <c>table.delete</c>, <c>table.batch</c>, <c>table.create</c>,
/// <c>queue.put</c>, <c>queue.get</c>, <c>queue.peek</c>, <c>queue.delete</c>, <c>queue.update</c>,
/// <c>queue.create</c>, <c>queue.metadata</c>, <c>queue.clear</c>, <c>other</c>.
/// </summary>
public sealed class StorageTransactionCounter
{
    public void Record(string kind) => throw new NotImplementedException();

    public long Total => throw new NotImplementedException();

    /// <summary>A copy of the counts so far, by kind.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => throw new NotImplementedException();

    public void Reset() => throw new NotImplementedException();
}

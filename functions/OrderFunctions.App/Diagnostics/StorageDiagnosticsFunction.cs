using System.Diagnostics;
using OrderFunctions.Hosting.Contract;
using OrderFunctions.Storage.Diagnostics;

namespace OrderFunctions.App.Diagnostics;

/// <summary><c>GET /api/diagnostics/storage</c> (admin key): the storage transactions this process has sent since it
/// started, by operation kind (<see cref="StorageOperationKinds"/>) and by kind and table or queue
/// (<c>byResource</c>: <c>"table.batch Orders"</c>), and the process's own figures. The benchmarks read it before and
/// after a run (issue 7); an operator can see what the app costs and where.</summary>
internal sealed class StorageDiagnosticsFunction(StorageTransactionCounter counter, TimeProvider time) : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // Total first, then the resources, then the kinds: a request counted in between shows in the later ones, never
        // a total below the kinds' sum nor a kind below its resources' sum.
        var total = counter.Total;
        var byResource = new SortedDictionary<string, long>(counter.SnapshotByResource().ToDictionary(), StringComparer.Ordinal);
        var byKind = new SortedDictionary<string, long>(counter.Snapshot().ToDictionary(), StringComparer.Ordinal);
        using var process = Process.GetCurrentProcess();
        var report = new StorageDiagnosticsReport(
            time.GetUtcNow(),
            Math.Max(total, byKind.Values.Sum()),
            byKind,
            byResource,
            new ProcessFigures(
                process.StartTime.ToUniversalTime(),
                process.WorkingSet64,
                process.PeakWorkingSet64,
                GC.GetTotalMemory(forceFullCollection: false),
                process.Threads.Count,
                Environment.ProcessorCount));
        return Task.FromResult<IResult>(TypedResults.Ok(report));
    }
}

/// <summary>Transactions since the process started (a restart starts from zero). <paramref name="ByResource"/> splits
/// the kinds by table or queue; a request that addresses none (none the app sends today) is only in
/// <paramref name="ByKind"/>.</summary>
internal sealed record StorageDiagnosticsReport(
    DateTimeOffset Time,
    long Total,
    IReadOnlyDictionary<string, long> ByKind,
    IReadOnlyDictionary<string, long> ByResource,
    ProcessFigures Process);

/// <summary>Resident memory now and at its peak (Linux: VmRSS and VmHWM), managed heap, threads, cores.</summary>
internal sealed record ProcessFigures(DateTime StartedAt, long WorkingSetBytes, long PeakWorkingSetBytes, long ManagedHeapBytes, int Threads, int ProcessorCount);

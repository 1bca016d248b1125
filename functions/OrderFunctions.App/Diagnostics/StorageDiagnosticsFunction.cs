using System.Diagnostics;
using OrderFunctions.Hosting.Contract;
using OrderFunctions.Storage.Diagnostics;

namespace OrderFunctions.App.Diagnostics;

/// <summary><c>GET /api/diagnostics/storage</c> (admin key): the storage transactions this process has sent since it
/// started, by operation kind (<see cref="StorageOperationKinds"/>), and the process's own figures. The benchmarks
/// read it before and after a run (issue 7); an operator can see what the app costs.</summary>
internal sealed class StorageDiagnosticsFunction(StorageTransactionCounter counter, TimeProvider time) : IHttpFunction
{
    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // Total first, then the kinds: a request counted in between shows in the kinds, never a total below their sum.
        var total = counter.Total;
        var byKind = new SortedDictionary<string, long>(counter.Snapshot().ToDictionary(), StringComparer.Ordinal);
        using var process = Process.GetCurrentProcess();
        var report = new StorageDiagnosticsReport(
            time.GetUtcNow(),
            Math.Max(total, byKind.Values.Sum()),
            byKind,
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

/// <summary>Transactions since the process started (a restart starts from zero).</summary>
internal sealed record StorageDiagnosticsReport(DateTimeOffset Time, long Total, IReadOnlyDictionary<string, long> ByKind, ProcessFigures Process);

/// <summary>Resident memory now and at its peak (Linux: VmRSS and VmHWM), managed heap, threads, cores.</summary>
internal sealed record ProcessFigures(DateTime StartedAt, long WorkingSetBytes, long PeakWorkingSetBytes, long ManagedHeapBytes, int Threads, int ProcessorCount);

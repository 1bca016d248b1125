using System.Globalization;
using System.Text;

namespace OrderFunctions.Bench;

/// <summary>One run's figures against issue 7's goals.</summary>
internal sealed record BenchFigures
{
    public const double TransactionsGoal = 12;
    public const double ThroughputGoal = 50;
    public const double LimitRatioGoal = 0.5;
    public const double StartRatioGoal = 1.25;
    public const double PeakRssGoalMb = 200;

    public required DateTimeOffset Date { get; init; }

    public required string Machine { get; init; }

    /// <summary>The burst's orders (the throughput phase).</summary>
    public required int Orders { get; init; }

    /// <summary>Sandboxes the orders were spread over, each with its own seller accounts (<see cref="SandboxLane"/>).</summary>
    public required int Lanes { get; init; }

    /// <summary>How many of <see cref="Orders"/> were Closed when the run ended (all, unless it stalled).</summary>
    public required int Closed { get; init; }

    public required double TransactionsPerOrder { get; init; }

    public required IReadOnlyDictionary<string, double> PerOrderByKind { get; init; }

    /// <summary>Orders per second, from placing the burst to all of it Closed.</summary>
    public required double Throughput { get; init; }

    /// <summary>Orders per second while the hub works through the burst: from 10 % to 90 % of it Closed
    /// (<see cref="BenchCommand.SustainedRate"/>).</summary>
    public required double SustainedThroughput { get; init; }

    /// <summary>Orders per second the emulator allows for this mix: raw transactions/s ÷ transactions per order.</summary>
    public required double EmulatorLimit { get; init; }

    public required double EmulatorRawRate { get; init; }

    public required double HandlerStartMs { get; init; }

    public required double MinimalStartMs { get; init; }

    public required long PeakRssBytes { get; init; }

    public required double LatencyP50 { get; init; }

    public required double LatencyP95 { get; init; }

    /// <summary>The same latency for the burst's orders: mostly the time an order waits behind the ones before it.</summary>
    public required double BurstLatencyP50 { get; init; }

    public required double BurstLatencyP95 { get; init; }

    public required TimeSpan PollInterval { get; init; }

    public required TimeSpan ObservationInterval { get; init; }

    /// <summary>Seconds from placing the burst to all of it Closed.</summary>
    public double BurstSeconds { get; init; }

    /// <summary>CPU seconds each part of the run used during the burst (<see cref="CpuAccount"/>); empty when not measured.</summary>
    public IReadOnlyDictionary<string, double> CpuSeconds { get; init; } = new Dictionary<string, double>();

    public double LimitRatio => SustainedThroughput / EmulatorLimit;

    public double StartRatio => HandlerStartMs / MinimalStartMs;

    public double PeakRssMb => PeakRssBytes / 1024.0 / 1024.0;

    public double LatencyGoal => PollInterval.TotalSeconds + 2;

    public IEnumerable<string> Describe()
    {
        yield return F($"transactions per order: {TransactionsPerOrder:F2} (goal ≤ {TransactionsGoal}) {Mark(TransactionsPerOrder <= TransactionsGoal)}");
        yield return "  by kind: " + ByKind();
        yield return F($"throughput: {SustainedThroughput:F1} orders/s sustained (10 % → 90 % of the burst closed), {Throughput:F1} orders/s overall (burst placed → all closed) for {Orders} orders on {Lanes} lane(s){(Closed == Orders ? "" : F($" (only {Closed} closed)"))} (goal ≥ {ThroughputGoal}) {Mark(SustainedThroughput >= ThroughputGoal)}");
        yield return F($"emulator-bound limit: {EmulatorLimit:F1} orders/s ({EmulatorRawRate:F0} transactions/s of the same mix ÷ {TransactionsPerOrder:F2}); sustained throughput ÷ limit {LimitRatio:F2} (goal ≥ {LimitRatioGoal}) {Mark(LimitRatio >= LimitRatioGoal)}");
        if (CpuSeconds.Count > 0 && BurstSeconds > 0)
        {
            var available = Environment.ProcessorCount * BurstSeconds;
            var parts = string.Join(", ", CpuSeconds.OrderByDescending(p => p.Value).Select(p => F($"{p.Key} {p.Value:F0} s ({p.Value / available:P0}, {p.Value * 1000 / Closed:F1} ms/order)")));
            yield return F($"  CPU during the burst ({Environment.ProcessorCount} cores × {BurstSeconds:F0} s = {available:F0} s): {parts}");
            var hub = CpuSeconds.GetValueOrDefault(CpuAccount.Handler) + CpuSeconds.GetValueOrDefault(CpuAccount.Azurite);
            if (hub > 0)
            {
                yield return F($"  the hub and its storage alone (handler + Azurite, {hub * 1000 / Closed:F1} ms CPU per order) would fill {Environment.ProcessorCount} cores at {Environment.ProcessorCount * Closed / hub:F0} orders/s");
            }
        }

        yield return F($"start time (median of {StartTime.Runs}): handler {HandlerStartMs:F0} ms, minimal app {MinimalStartMs:F0} ms; ratio {StartRatio:F2} (goal ≤ {StartRatioGoal}) {Mark(StartRatio <= StartRatioGoal)}");
        yield return F($"peak RSS of the handler: {PeakRssMb:F0} MB (goal ≤ {PeakRssGoalMb}) {Mark(PeakRssMb <= PeakRssGoalMb)}");
        yield return F($"latency marketplace → shop (trickle phase): p50 {LatencyP50:F1} s, p95 {LatencyP95:F1} s; poll interval {PollInterval.TotalSeconds:F0} s, seen every {ObservationInterval.TotalSeconds:F1} s (goal ≤ {LatencyGoal:F0} s) {Mark(LatencyP95 <= LatencyGoal)}");
        yield return F($"  in the burst (waiting behind the backlog): p50 {BurstLatencyP50:F1} s, p95 {BurstLatencyP95:F1} s");
    }

    /// <summary>A row of the table in docs/benchmarks.md.</summary>
    public string ToMarkdownRow() => string.Join(
        " | ",
        "",
        F($"{Date:yyyy-MM-dd HH:mm}"),
        Machine,
        (Closed == Orders ? F($"{Orders}") : F($"{Orders} (only {Closed} closed) ✗")) + F($" on {Lanes} lane(s)"),
        F($"{TransactionsPerOrder:F2} {Mark(TransactionsPerOrder <= TransactionsGoal)}"),
        ByKind(),
        F($"{SustainedThroughput:F1} {Mark(SustainedThroughput >= ThroughputGoal)} (overall {Throughput:F1})"),
        F($"{EmulatorLimit:F1}"),
        F($"{LimitRatio:F2} {Mark(LimitRatio >= LimitRatioGoal)}"),
        F($"{HandlerStartMs:F0} / {MinimalStartMs:F0} = {StartRatio:F2} {Mark(StartRatio <= StartRatioGoal)}"),
        F($"{PeakRssMb:F0} {Mark(PeakRssMb <= PeakRssGoalMb)}"),
        F($"{LatencyP50:F1} / {LatencyP95:F1} (poll {PollInterval.TotalSeconds:F0} s) {Mark(LatencyP95 <= LatencyGoal)}; in the burst {BurstLatencyP50:F1} / {BurstLatencyP95:F1}"),
        "").Trim();

    private string ByKind()
    {
        var text = new StringBuilder();
        foreach (var (kind, perOrder) in PerOrderByKind)
        {
            text.Append(text.Length == 0 ? "" : ", ").Append(F($"{kind} {perOrder:F2}"));
        }

        return text.ToString();
    }

    private static string Mark(bool met) => met ? "✓" : "✗";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>docs/benchmarks.md: a table of runs; the bench appends its row under the table's header.</summary>
internal static class BenchmarksFile
{
    public const string TableHeader =
        "| Date (UTC) | Machine | Orders | Tx/order (≤ 12) | Tx/order by kind | Orders/s sustained (≥ 50) | Emulator limit, orders/s | Ratio (≥ 0.5) | Start ms handler / minimal (≤ 1.25×) | Peak RSS MB (≤ 200) | Latency p50 / p95 s (≤ poll + 2) |";

    private const string TableRule = "|---|---|---|---|---|---|---|---|---|---|---|";

    public static async Task AppendAsync(string path, BenchFigures figures, CancellationToken cancellationToken)
    {
        var lines = File.Exists(path) ? (await File.ReadAllLinesAsync(path, cancellationToken)).ToList() : [];
        var header = lines.IndexOf(TableHeader);
        if (header < 0)
        {
            lines.AddRange(["", "## Runs", "", TableHeader, TableRule]);
            header = lines.Count - 2;
        }

        // After the last row of the table (the first line after the header that is not a row).
        var end = header + 2;
        while (end < lines.Count && lines[end].StartsWith('|'))
        {
            end++;
        }

        lines.Insert(end, figures.ToMarkdownRow());
        await File.WriteAllLinesAsync(path, lines, cancellationToken);
    }
}

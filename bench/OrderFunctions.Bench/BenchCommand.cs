using System.Diagnostics;
using System.Globalization;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Bench;

/// <summary>
/// <c>bench [--orders N]</c>: the figures of issue 7 from one local run — storage transactions per order by kind,
/// end-to-end throughput next to the emulator-bound limit, handler start time next to a minimal app, the handler's peak
/// resident memory, and the latency from an order appearing on the marketplace to its creation in the shop. Prints
/// them and appends a row to docs/benchmarks.md.
/// </summary>
internal static class BenchCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(int orders, BenchPaths paths, CancellationToken cancellationToken)
    {
        paths.ThrowIfMissing();
        Say($"bench: {orders} orders; machine: {Machine.Describe()}");
        await using var azurite = await AzuriteInstance.StartAsync(new AzuriteOptions(), cancellationToken);
        Say($"bench: {azurite}");
        await using var run = await LocalRun.StartAsync(paths, new LocalRunSettings { PollInterval = PollInterval }, azurite, cancellationToken);
        Say($"bench: sandbox ready at {run.Manifest.Control}; integrations {LocalRun.TrendyolIntegration} and {LocalRun.BolIntegration} seeded; work folder {run.WorkDirectory}");

        Say($"bench: start time, {StartTime.Runs} runs each of the handler and the minimal app…");
        var (handlerStartMs, minimalStartMs) = await StartTime.MeasureAsync(paths, azurite.ConnectionString, run.WorkDirectory, cancellationToken);
        Say($"bench: start time (median) handler {handlerStartMs:F0} ms, minimal app {minimalStartMs:F0} ms");

        await run.StartHandlerAsync(cancellationToken);
        Say($"bench: handler standalone on port {run.HandlerPort} (pid {run.HandlerProcess!.Id})");
        var before = await run.StorageFiguresAsync(cancellationToken);

        var clock = Stopwatch.StartNew();
        var placed = await run.PlaceOrdersAsync(orders, cancellationToken);
        Say($"bench: {placed.Count} orders placed in {clock.Elapsed.TotalSeconds:F1} s");
        var flow = new OrderFlow(run);
        using var stopFlow = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var merchant = flow.RunAsync(stopFlow.Token);
        var closed = await WaitUntilClosedAsync(run, flow, placed, cancellationToken);
        var elapsed = clock.Elapsed;
        await stopFlow.CancelAsync();
        await merchant;

        var spent = (await run.StorageFiguresAsync(cancellationToken)).Minus(before);
        var peakRss = run.HandlerProcess.PeakResidentBytes() ?? 0;
        run.HandlerProcess.Kill();
        if (closed == 0)
        {
            Say($"bench: no order closed; no figures written");
            return 1;
        }

        // A run that stalled still says what it did: per closed order, marked incomplete in the table.
        if (closed < placed.Count)
        {
            Say($"bench: only {closed} of {placed.Count} orders closed after {elapsed.TotalSeconds:F0} s; figures are per closed order");
        }

        var perOrder = (double)spent.Total / closed;
        var throughput = closed / elapsed.TotalSeconds;
        Say($"bench: emulator-bound limit: replaying the run's storage mix ({EmulatorLimit.Concurrency} in flight)…");
        var rawRate = await EmulatorLimit.MeasureAsync(azurite.Connection, spent, (int)Math.Min(spent.Total, 20_000), cancellationToken);
        var limit = rawRate / perOrder;
        var latencies = placed
            .Where(o => flow.FirstSeenInShop.ContainsKey(o.OrderKey))
            .Select(o => (flow.FirstSeenInShop[o.OrderKey] - o.AppearedAt).TotalSeconds)
            .ToList();

        var figures = new BenchFigures
        {
            Date = DateTimeOffset.UtcNow,
            Machine = Machine.Describe(),
            Orders = placed.Count,
            Closed = closed,
            TransactionsPerOrder = perOrder,
            PerOrderByKind = spent.ByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value)
                .ToDictionary(k => k.Key, k => (double)k.Value / closed, StringComparer.Ordinal),
            Throughput = throughput,
            EmulatorLimit = limit,
            EmulatorRawRate = rawRate,
            HandlerStartMs = handlerStartMs,
            MinimalStartMs = minimalStartMs,
            PeakRssBytes = peakRss,
            LatencyP50 = Percentile(latencies, 0.50),
            LatencyP95 = Percentile(latencies, 0.95),
            PollInterval = PollInterval,
            ObservationInterval = OrderFlow.Interval,
        };
        foreach (var line in figures.Describe())
        {
            Say(line);
        }

        var file = Path.Combine(paths.Root, "docs", "benchmarks.md");
        await BenchmarksFile.AppendAsync(file, figures, cancellationToken);
        Say($"bench: row appended to {Path.GetRelativePath(paths.Root, file)}");
        return closed == placed.Count ? 0 : 1;
    }

    public static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static async Task<int> WaitUntilClosedAsync(LocalRun run, OrderFlow flow, IReadOnlyList<PlacedOrder> placed, CancellationToken cancellationToken)
    {
        var expected = placed.GroupBy(o => o.IntegrationId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        var closed = 0;
        var lastInShop = 0;
        var stalledSince = clock.Elapsed;
        while (true)
        {
            var now = 0;
            foreach (var integration in expected.Keys)
            {
                now += await run.CountClosedAsync(integration, cancellationToken);
            }

            // Progress is an order closing or reaching the shop; a big batch closes none for minutes at first.
            var inShop = flow.FirstSeenInShop.Count;
            if (now > closed || inShop > lastInShop)
            {
                stalledSince = clock.Elapsed;
            }

            closed = now;
            lastInShop = inShop;
            if (clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(5) || closed == placed.Count)
            {
                lastProgress = clock.Elapsed;
                Say($"bench: {clock.Elapsed.TotalSeconds,6:F0} s  in shop {flow.FirstSeenInShop.Count,6}  completed by merchant {flow.Completed,6}  closed {closed,6} / {placed.Count}");
            }

            if (closed >= placed.Count)
            {
                return closed;
            }

            // No progress for three minutes: something is stuck; stop rather than wait for ever.
            if (clock.Elapsed - stalledSince > TimeSpan.FromMinutes(3))
            {
                return closed;
            }

            // Every 2 s: each count scans the integration's orders, and the emulator is what is being measured.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    private static void Say(string line) => Console.WriteLine(line);
}

/// <summary>The machine a figure was measured on: cores, memory, .NET version, OS.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var memory = MemoryTotalGiB();
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {memory:F1} GiB RAM, .NET {Environment.Version}, {Environment.OSVersion.Platform}");
    }

    private static double MemoryTotalGiB()
    {
        foreach (var line in File.ReadLines("/proc/meminfo"))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
            {
                return long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
            }
        }

        return double.NaN;
    }
}

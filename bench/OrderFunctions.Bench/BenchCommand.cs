using System.Diagnostics;
using System.Globalization;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Bench;

/// <summary>
/// <c>bench [--orders N] [--lanes L]</c>: the figures of issue 7 from one local run — storage transactions per order by
/// kind, end-to-end throughput next to the emulator-bound limit, handler start time next to a minimal app, the handler's
/// peak resident memory, and the latency from an order appearing on the marketplace to its creation in the shop. Prints
/// them and appends a row to docs/benchmarks.md.
/// The run has two phases. First a trickle of orders, one every <see cref="TrickleGap"/> for <see cref="TrickleTime"/>,
/// well below what the hub can take: the latency figure, an order's way through one poll. Then a burst of N orders at
/// once: the throughput figure, the hub working through a backlog. The orders are spread over L lanes (sandboxes), each
/// with its own seller accounts: one Trendyol seller lets through a few orders per second (its documented rate limits),
/// so the hub's own capacity shows only across several accounts, as it serves them in production.
/// </summary>
internal static class BenchCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TrickleGap = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan TrickleTime = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(int orders, int lanes, BenchPaths paths, CancellationToken cancellationToken)
    {
        paths.ThrowIfMissing();
        Say($"bench: {orders} orders on {lanes} lane(s); machine: {Machine.Describe()}");
        await using var azurite = await AzuriteInstance.StartAsync(new AzuriteOptions(), cancellationToken);
        Say($"bench: {azurite}");
        await using var run = await LocalRun.StartAsync(paths, new LocalRunSettings { PollInterval = PollInterval, Lanes = lanes }, azurite, cancellationToken);
        Say($"bench: {run.Lanes.Count} sandbox(es) ready; integrations {string.Join(", ", run.Integrations)} seeded; work folder {run.WorkDirectory}");

        Say($"bench: start time, {StartTime.Runs} runs each of the handler and the minimal app…");
        var (handlerStartMs, minimalStartMs) = await StartTime.MeasureAsync(paths, azurite.ConnectionString, run.WorkDirectory, cancellationToken);
        Say($"bench: start time (median) handler {handlerStartMs:F0} ms, minimal app {minimalStartMs:F0} ms");

        await run.StartHandlerAsync(cancellationToken);
        Say($"bench: handler standalone on port {run.HandlerPort} (pid {run.HandlerProcess!.Id})");
        var before = await run.StorageFiguresAsync(cancellationToken);
        var flow = new OrderFlow(run);
        using var stopFlow = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var merchant = flow.RunAsync(stopFlow.Token);

        // Phase 1, latency: a trickle the hub is never behind on; wait until those orders are closed.
        Say($"bench: latency phase, one order every {TrickleGap.TotalSeconds:F1} s for {TrickleTime.TotalSeconds:F0} s…");
        var trickle = await PlaceTrickleAsync(run, cancellationToken);
        var trickleClosed = await WaitUntilClosedAsync(run, flow, trickle.Count, "latency", cancellationToken);

        // Phase 2, throughput: a burst of N orders at once.
        var cpuBefore = CpuAccount.Snapshot(run.HandlerProcess.Id);
        var clock = Stopwatch.StartNew();
        var placed = await run.PlaceOrdersAsync(orders, cancellationToken);
        Say($"bench: throughput phase, {placed.Count} orders placed in {clock.Elapsed.TotalSeconds:F1} s");
        var progress = new List<(TimeSpan At, int Closed)>();
        var closedAll = await WaitUntilClosedAsync(run, flow, trickle.Count + placed.Count, "throughput", cancellationToken, (at, closed) => progress.Add((at, closed - trickle.Count)));
        var elapsed = clock.Elapsed;
        var cpu = CpuAccount.Minus(CpuAccount.Snapshot(run.HandlerProcess.Id), cpuBefore);
        await stopFlow.CancelAsync();
        await merchant;

        var spent = (await run.StorageFiguresAsync(cancellationToken)).Minus(before);
        var peakRss = run.HandlerProcess.PeakResidentBytes() ?? 0;
        run.HandlerProcess.Kill();
        var closed = closedAll - trickleClosed;
        if (closed <= 0)
        {
            Say($"bench: no order of the burst closed; no figures written");
            return 1;
        }

        // A run that stalled still says what it did: per closed order, marked incomplete in the table.
        if (closedAll < trickle.Count + placed.Count)
        {
            Say($"bench: only {closedAll} of {trickle.Count + placed.Count} orders closed; figures are per closed order");
        }

        var perOrder = (double)spent.Total / closedAll;
        Say($"bench: emulator-bound limit: replaying the run's storage mix ({EmulatorLimit.Concurrency} in flight)…");
        var rawRate = await EmulatorLimit.MeasureAsync(azurite.Connection, spent, (int)Math.Min(spent.Total, 20_000), cancellationToken);
        var figures = new BenchFigures
        {
            Date = DateTimeOffset.UtcNow,
            Machine = Machine.Describe(),
            Orders = placed.Count,
            Lanes = run.Lanes.Count,
            Closed = closed,
            TransactionsPerOrder = perOrder,
            PerOrderByKind = spent.ByKind.Where(k => k.Value > 0).OrderByDescending(k => k.Value)
                .ToDictionary(k => k.Key, k => (double)k.Value / closedAll, StringComparer.Ordinal),
            Throughput = closed / elapsed.TotalSeconds,
            SustainedThroughput = SustainedRate(progress, placed.Count),
            EmulatorLimit = rawRate / perOrder,
            EmulatorRawRate = rawRate,
            HandlerStartMs = handlerStartMs,
            MinimalStartMs = minimalStartMs,
            PeakRssBytes = peakRss,
            LatencyP50 = Percentile(Latencies(trickle, flow), 0.50),
            LatencyP95 = Percentile(Latencies(trickle, flow), 0.95),
            BurstLatencyP50 = Percentile(Latencies(placed, flow), 0.50),
            BurstLatencyP95 = Percentile(Latencies(placed, flow), 0.95),
            PollInterval = PollInterval,
            ObservationInterval = OrderFlow.Interval,
            BurstSeconds = elapsed.TotalSeconds,
            CpuSeconds = cpu,
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

    /// <summary>The rate at which a backlog of <paramref name="total"/> orders closes once the hub is working through it:
    /// orders closed between the moments 10 % and 90 % of them were closed, over the time between (each moment
    /// interpolated between the samples around it). The time before the first closes is the orders' way through the
    /// workflow (merchant, polls, shipment), which the latency and the overall rate show.</summary>
    public static double SustainedRate(IReadOnlyList<(TimeSpan At, int Closed)> progress, int total)
    {
        var from = TimeOf(progress, total * 0.1);
        var to = TimeOf(progress, total * 0.9);
        return from is { } start && to is { } end && end > start ? total * 0.8 / (end - start).TotalSeconds : double.NaN;
    }

    private static TimeSpan? TimeOf(IReadOnlyList<(TimeSpan At, int Closed)> progress, double closed)
    {
        for (var i = 1; i < progress.Count; i++)
        {
            var (at0, closed0) = progress[i - 1];
            var (at1, closed1) = progress[i];
            if (closed0 < closed && closed1 >= closed)
            {
                return at0 + ((at1 - at0) * ((closed - closed0) / (closed1 - closed0)));
            }
        }

        return null;
    }

    private static List<double> Latencies(IEnumerable<PlacedOrder> orders, OrderFlow flow) =>
        [.. orders.Where(o => flow.FirstSeenInShop.ContainsKey(o.OrderKey)).Select(o => (flow.FirstSeenInShop[o.OrderKey] - o.AppearedAt).TotalSeconds)];

    private static async Task<List<PlacedOrder>> PlaceTrickleAsync(LocalRun run, CancellationToken cancellationToken)
    {
        var placed = new List<PlacedOrder>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < TrickleTime; i++)
        {
            placed.Add(await run.PlaceOneOrderAsync(i, cancellationToken));
            var next = TrickleGap * (i + 1) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next, cancellationToken);
            }
        }

        return placed;
    }

    /// <summary>Waits until <paramref name="expected"/> orders are Closed in the hub, saying how far it is every 5 s;
    /// gives up after three minutes without progress (an order closing or reaching a shop).</summary>
    private static async Task<int> WaitUntilClosedAsync(LocalRun run, OrderFlow flow, int expected, string phase, CancellationToken cancellationToken, Action<TimeSpan, int>? sample = null)
    {
        var clock = Stopwatch.StartNew();
        var lastSaid = TimeSpan.Zero;
        var closed = 0;
        var lastInShop = 0;
        var stalledSince = clock.Elapsed;
        while (true)
        {
            var now = await run.CountClosedAsync(cancellationToken);
            sample?.Invoke(clock.Elapsed, now);
            var inShop = flow.FirstSeenInShop.Count;
            if (now > closed || inShop > lastInShop)
            {
                stalledSince = clock.Elapsed;
            }

            closed = now;
            lastInShop = inShop;
            if (clock.Elapsed - lastSaid >= TimeSpan.FromSeconds(5) || closed >= expected)
            {
                lastSaid = clock.Elapsed;
                Say($"bench: {phase} {clock.Elapsed.TotalSeconds,6:F0} s  in shop {inShop,6}  completed by merchant {flow.Completed,6}  closed {closed,6} / {expected}");
            }

            if (closed >= expected || clock.Elapsed - stalledSince > TimeSpan.FromMinutes(3))
            {
                return closed;
            }

            // Every 2 s: each count scans the integrations' closed orders, and the emulator is what is being measured.
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

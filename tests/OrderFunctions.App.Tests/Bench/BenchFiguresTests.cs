using OrderFunctions.Bench;

namespace OrderFunctions.App.Tests.Bench;

public sealed class BenchFiguresTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bench-figures-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void EachFigureIsMarkedAgainstItsGoal()
    {
        var row = Figures(transactionsPerOrder: 9.5, peakRssBytes: 300L * 1024 * 1024).ToMarkdownRow();
        var cells = row.Split('|', StringSplitOptions.TrimEntries)[1..^1];

        Assert.Equal(11, cells.Length);
        Assert.Equal("9.50 ✓", cells[3]);
        Assert.Equal("table.batch 4.00, table.get 2.50", cells[4]);
        Assert.Equal("300 ✗", cells[9]);
        Assert.Equal("2000 on 10 lane(s)", cells[2]);
        Assert.Equal("60.0 ✓ (overall 20.0)", cells[5]);
        Assert.Equal("0.60 ✓", cells[7]);
        Assert.Equal("2.0 / 6.5 (poll 5 s) ✓; in the burst 12.0 / 30.0", cells[10]);
    }

    [Fact]
    public async Task RowsAreAppendedUnderTheTableAndTheTextAfterItStays()
    {
        var path = Path.Combine(_directory, "benchmarks.md");
        await File.WriteAllLinesAsync(path, ["# Benchmarks", "", BenchmarksFile.TableHeader, "|---|", "| old row |", "", "Notes after the table."]);

        await BenchmarksFile.AppendAsync(path, Figures(transactionsPerOrder: 13), CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal("| old row |", lines[4]);
        Assert.StartsWith("| 2026-11-23 15:00 |", lines[5], StringComparison.Ordinal);
        Assert.Contains("13.00 ✗", lines[5], StringComparison.Ordinal);
        Assert.Equal(["", "Notes after the table."], lines[6..]);
    }

    [Fact]
    public async Task AFileWithoutTheTableGetsOne()
    {
        var path = Path.Combine(_directory, "benchmarks.md");

        await BenchmarksFile.AppendAsync(path, Figures(transactionsPerOrder: 10), CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(path);
        var header = Array.IndexOf(lines, BenchmarksFile.TableHeader);
        Assert.True(header > 0);
        Assert.StartsWith("| 2026-11-23", lines[header + 2], StringComparison.Ordinal);
    }

    [Fact]
    public void PercentilesAndMediansAreTakenFromTheSortedValues()
    {
        double[] values = [5, 1, 4, 2, 3, 10, 7, 6, 9, 8];

        Assert.Equal(5, BenchCommand.Percentile(values, 0.50));
        Assert.Equal(10, BenchCommand.Percentile(values, 0.95));
        Assert.True(double.IsNaN(BenchCommand.Percentile([], 0.5)));
        Assert.Equal(5.5, StartTime.Median(values));
        Assert.Equal(3, StartTime.Median([3, 1, 9]));
    }

    [Fact]
    public void TheSustainedRateIsTakenBetweenTenAndNinetyPercentClosedInterpolatingTheSamples()
    {
        // 100 orders: 10 closed at 4 s (halfway between the samples at 2 s and 6 s), 90 at 20 s.
        (TimeSpan, int)[] progress = [(S(0), 0), (S(2), 0), (S(6), 20), (S(18), 80), (S(22), 100)];

        Assert.Equal(80 / 16.0, BenchCommand.SustainedRate(progress, 100), 6);
        Assert.True(double.IsNaN(BenchCommand.SustainedRate([(S(0), 0), (S(2), 50)], 100)));

        static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
    }

    [Fact]
    public void CpuTimeIsReadFromProcStatPastACommandNameWithSpacesAndParentheses()
    {
        const string Stat = "1234 (my (odd) name) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0 8000 1000 200";

        Assert.Equal(3.0, CpuAccount.CpuSeconds(Stat), 6);
        Assert.True(CpuAccount.Snapshot(handlerPid: -1)[CpuAccount.Bench] > 0, "this test process has used no CPU?");
    }

    [Fact]
    public void AChaosRunPassesOnlyWhenEveryCountIsZero()
    {
        Assert.True(new ChaosReport { Orders = 10 }.AllZero);
        Assert.False(new ChaosReport { Orders = 10, DuplicateNotifications = 1 }.AllZero);
        Assert.False(new ChaosReport { Orders = 10, NotInFinalState = 1 }.AllZero);
        Assert.Contains("chaos: FAILED (a count is not zero)", new ChaosReport { Orders = 10, Lost = 2 }.Describe());
    }

    private static BenchFigures Figures(double transactionsPerOrder, long peakRssBytes = 150L * 1024 * 1024) => new()
    {
        Date = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero),
        Machine = "2 cores, 8.0 GiB RAM, .NET 10.0.0, Unix",
        Orders = 2000,
        Lanes = 10,
        Closed = 2000,
        TransactionsPerOrder = transactionsPerOrder,
        PerOrderByKind = new Dictionary<string, double> { ["table.batch"] = 4, ["table.get"] = 2.5 },
        Throughput = 20,
        SustainedThroughput = 60,
        EmulatorLimit = 100,
        EmulatorRawRate = 950,
        HandlerStartMs = 400,
        MinimalStartMs = 300,
        PeakRssBytes = peakRssBytes,
        LatencyP50 = 2,
        LatencyP95 = 6.5,
        BurstLatencyP50 = 12,
        BurstLatencyP95 = 30,
        PollInterval = TimeSpan.FromSeconds(5),
        ObservationInterval = TimeSpan.FromMilliseconds(500),
    };
}

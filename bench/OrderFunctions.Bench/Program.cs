using OrderFunctions.Bench;

// `bench [--orders N] [--lanes L]` and `chaos [--orders N] [--kills K] [--lanes L]` (issue 7); scripts/bench.sh and scripts/chaos.sh publish
// what they start and run them. Ctrl-C stops the run and everything it started.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return BenchCommandLine.Parse(args) switch
    {
        BenchCommandLine.Bench bench => await BenchCommand.RunAsync(bench.Orders, bench.Lanes, BenchPaths.FromRepository(), stop.Token),
        BenchCommandLine.Chaos chaos => await ChaosCommand.RunAsync(chaos.Orders, chaos.Kills, chaos.Lanes, BenchPaths.FromRepository(), stop.Token),
        _ => 2,
    };
}
catch (BenchUsageException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(BenchCommandLine.Usage);
    return 2;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("stopped");
    return 130;
}

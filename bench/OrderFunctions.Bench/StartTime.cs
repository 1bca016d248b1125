using System.Diagnostics;
using System.Globalization;

namespace OrderFunctions.Bench;

/// <summary>
/// Start time as the Functions host sees it (issue 7): from exec to the first answer to <c>GET /</c> on
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, probed every 5 ms. The handler and the minimal ASP.NET Core app (published the
/// same way: self-contained, ReadyToRun) are started in turn, <see cref="Runs"/> times each, so both see the same
/// machine load; the medians are compared.
/// </summary>
internal static class StartTime
{
    public const int Runs = 7;

    public static async Task<(double HandlerMs, double MinimalMs)> MeasureAsync(BenchPaths paths, string storageConnectionString, string workDirectory, CancellationToken cancellationToken)
    {
        var handler = new List<double>();
        var minimal = new List<double>();
        // One unmeasured start each first: the first exec of a binary also pays for reading it from disk.
        for (var run = 0; run <= Runs; run++)
        {
            var handlerMs = await OnceAsync(paths.Handler, storageConnectionString, workDirectory, cancellationToken);
            var minimalMs = await OnceAsync(paths.MinimalApp, storageConnectionString, workDirectory, cancellationToken);
            if (run > 0)
            {
                handler.Add(handlerMs);
                minimal.Add(minimalMs);
            }
        }

        return (Median(handler), Median(minimal));
    }

    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<double> OnceAsync(string executable, string storageConnectionString, string workDirectory, CancellationToken cancellationToken)
    {
        var port = OrderFunctions.Testing.FreePort.Next();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var environment = new Dictionary<string, string>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["AzureWebJobsStorage"] = storageConnectionString,
        };
        var clock = Stopwatch.StartNew();
        using var process = ChildProcess.Start(executable, [], workDirectory, environment, Path.Combine(workDirectory, "start-time.log"));
        var deadline = TimeSpan.FromSeconds(30);
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{executable} exited during the start-time measurement; see {workDirectory}/start-time.log");
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"), cancellationToken);
                return clock.Elapsed.TotalMilliseconds;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(5, cancellationToken);
            }
        }

        throw new TimeoutException($"{executable} did not answer GET / within {deadline.TotalSeconds:F0} s.");
    }
}

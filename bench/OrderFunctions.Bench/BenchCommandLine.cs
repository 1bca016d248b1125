using System.Globalization;

namespace OrderFunctions.Bench;

internal sealed class BenchUsageException(string message) : Exception(message);

/// <summary><c>bench [--orders N] [--lanes L]</c> (defaults 2000 and 10) or <c>chaos [--orders N] [--kills K] [--lanes L]</c>
/// (defaults 1000, 10 and 4). A lane is one sandbox — a Trendyol and a bol.com seller account with their own rate
/// windows, a WooCommerce and a Shopify shop — and the two integrations on it.</summary>
internal static class BenchCommandLine
{
    public const string Usage = "usage: bench [--orders N] [--lanes L] | chaos [--orders N] [--kills K] [--lanes L]";

    public const int BenchLanes = 10;

    public const int ChaosLanes = 4;

    public abstract record Command;

    public sealed record Bench(int Orders, int Lanes = BenchLanes) : Command;

    public sealed record Chaos(int Orders, int Kills, int Lanes = ChaosLanes) : Command;

    public static Command Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new BenchUsageException("Name a command.");
        }

        var options = Options(args.Skip(1).ToList());
        return args[0] switch
        {
            "bench" => new Bench(Take(options, "--orders", 2000, 2, 100_000), Take(options, "--lanes", BenchLanes, 1, 50)).Done(options),
            "chaos" => new Chaos(Take(options, "--orders", 1000, 2, 100_000), Take(options, "--kills", 10, 0, 1000), Take(options, "--lanes", ChaosLanes, 1, 50)).Done(options),
            var other => throw new BenchUsageException($"Unknown command '{other}'."),
        };
    }

    private static T Done<T>(this T command, Dictionary<string, string> left)
    {
        if (left.Count > 0)
        {
            throw new BenchUsageException($"Unknown option '{left.Keys.First()}'.");
        }

        return command;
    }

    private static Dictionary<string, string> Options(List<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, value) = args[i].Split('=', 2) switch
            {
                [var n, var v] => (n, v),
                [var n] when i + 1 < args.Count => (n, args[++i]),
                _ => throw new BenchUsageException($"Option '{args[i]}' needs a value."),
            };
            options[name] = value;
        }

        return options;
    }

    private static int Take(Dictionary<string, string> options, string name, int fallback, int minimum, int maximum)
    {
        if (!options.Remove(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new BenchUsageException($"{name} must be a whole number from {minimum} to {maximum} (got '{text}').");
    }
}

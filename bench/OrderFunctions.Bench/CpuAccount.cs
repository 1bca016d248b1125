using System.Globalization;

namespace OrderFunctions.Bench;

/// <summary>
/// CPU time used by each part of the local run, from <c>/proc/{pid}/stat</c> (user + system): the handler, Azurite, the
/// sandboxes and the bench itself. On a machine the run shares with its simulators, this says where the cores went
/// while the hub worked through the burst — and so how much of the throughput figure is the hub's own cost.
/// </summary>
internal static class CpuAccount
{
    public const string Handler = "handler";
    public const string Azurite = "Azurite";
    public const string Sandboxes = "sandboxes";
    public const string Bench = "bench";

    /// <summary>Clock ticks per second of <c>/proc/{pid}/stat</c> (USER_HZ): 100 on Linux.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds used so far by each part, by the processes alive now.</summary>
    public static Dictionary<string, double> Snapshot(int handlerPid)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal) { [Handler] = 0, [Azurite] = 0, [Sandboxes] = 0, [Bench] = 0 };
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var part = pid == handlerPid ? Handler
                    : pid == Environment.ProcessId ? Bench
                    : PartOf(File.ReadAllText(Path.Combine(directory, "cmdline")));
                if (part is not null)
                {
                    seconds[part] += CpuSeconds(File.ReadAllText(Path.Combine(directory, "stat")));
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return seconds;
    }

    public static Dictionary<string, double> Minus(Dictionary<string, double> after, Dictionary<string, double> before) =>
        after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key), StringComparer.Ordinal);

    /// <summary>utime + stime (fields 14 and 15) of a <c>/proc/{pid}/stat</c> line, in seconds; the command name
    /// (field 2) is in parentheses and may hold spaces, so fields are counted after its closing parenthesis.</summary>
    public static double CpuSeconds(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static string? PartOf(string commandLine) =>
        commandLine.Contains("azurite", StringComparison.OrdinalIgnoreCase) && commandLine.Contains("node", StringComparison.Ordinal) ? Azurite
        : commandLine.Contains("OrderFunctions.Sandbox", StringComparison.Ordinal) ? Sandboxes
        : null;
}

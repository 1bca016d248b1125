using System.Diagnostics;
using System.Reflection;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>
/// The real Bicep CLI: on Linux the binary of the Azure.Bicep.CommandLine.linux-x64 package (its path is baked into
/// this assembly at build time); elsewhere <c>BICEP_PATH</c> or <c>bicep</c> on PATH.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public static BicepResult Run(params string[] arguments) => Run(new Dictionary<string, string>(), arguments);

    /// <summary>Runs bicep with extra environment variables (main.bicepparam reads its values from the environment).</summary>
    public static BicepResult Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryLayout.Root,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Offline and quiet: no update checks, no telemetry from the .NET host inside the binary.
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["BICEP_TRACING_ENABLED"] = "false";
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Executable}.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {CommandTimeout}.");
        }

        return new BicepResult(process.ExitCode, standardOutput.GetAwaiter().GetResult(), standardError.GetAwaiter().GetResult());
    }

    private static string Executable { get; } = Locate();

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var fromPackage = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == "BicepPath")?.Value;
        if (!string.IsNullOrEmpty(fromPackage) && File.Exists(fromPackage))
        {
            EnsureExecutable(fromPackage);
            return fromPackage;
        }

        // Not on Linux: rely on an installed CLI (az bicep install puts one in ~/.azure/bin).
        return "bicep";
    }

    // NuGet extracts package files with the owner's execute bit on Linux, but a cache copied between machines can
    // lose it; restore it rather than fail with "permission denied".
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }
    }
}

internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostics of every severity, one per line, as the CLI prints them.</summary>
    public string Diagnostics => (StandardError + StandardOutput).Trim();
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace OrderFunctions.Connectors.Tests.Sandbox;

/// <summary>The sandbox as scripts run it: a separate process that writes its ports file when ready, answers on its
/// control port, and stops cleanly on SIGTERM, removing the files it wrote.</summary>
public sealed class SandboxProcessTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("sandbox-process-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SandboxWritesItsFilesServesTheControlApiAndStopsOnSigterm()
    {
        var portsFile = Path.Combine(_directory, "ports.json");
        var secretsFile = Path.Combine(_directory, "secrets.json");
        using var sandbox = Start("--ports-file", portsFile, "--secrets-file", secretsFile, "--seed", "1");

        var manifest = JsonNode.Parse(await ReadWhenWrittenAsync(sandbox, portsFile))!;
        var secrets = JsonNode.Parse(await File.ReadAllTextAsync(secretsFile))!;
        using var control = new HttpClient { BaseAddress = new Uri((string)manifest["control"]!), Timeout = Bound };
        using var added = await control.PostAsync("trendyol/orders", new StringContent("""{"count":2}""", Encoding.UTF8, "application/json"));
        var records = JsonNode.Parse(await control.GetStringAsync("records"))!;

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(2, (int)records["trendyol"]!["ordersAdded"]!);
        Assert.Equal(
            manifest["accounts"]!["trendyol"]!["credentials"]!.ToJsonString(),
            secrets[(string)manifest["accounts"]!["trendyol"]!["secretName"]!]!.ToJsonString());

        using (var kill = Process.Start("kill", ["-TERM", sandbox.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.Equal(0, await WaitForExitAsync(sandbox));
        Assert.False(File.Exists(portsFile));
        Assert.False(File.Exists(secretsFile));
    }

    [Fact]
    public async Task BadCommandLineExitsWithUsage()
    {
        using var sandbox = Start("--trendyol-port", "seventy");

        Assert.Equal(2, await WaitForExitAsync(sandbox));
        var error = await sandbox.StandardError.ReadToEndAsync();
        Assert.Contains("--trendyol-port must be a port number", error, StringComparison.Ordinal);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUseExitsNamingTheAddress()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var sandbox = Start("--bol-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, await WaitForExitAsync(sandbox));
        Assert.Contains($"could not listen: Failed to bind to address http://127.0.0.1:{port}", await sandbox.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
    }

    private static SandboxProcess Start(params string[] arguments)
    {
        // The sandbox is referenced by this test project, so its app host sits next to the tests.
        var startInfo = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "OrderFunctions.Sandbox"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new SandboxProcess(Process.Start(startInfo)!);
    }

    private static async Task<string> ReadWhenWrittenAsync(SandboxProcess sandbox, string path)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!File.Exists(path))
        {
            if (sandbox.HasExited)
            {
                Assert.Fail($"The sandbox exited before writing {path}: {await sandbox.StandardError.ReadToEndAsync()}");
            }

            await Task.Delay(50, timeout.Token);
        }

        return await File.ReadAllTextAsync(path, timeout.Token);
    }

    /// <summary>The exit code; a sandbox still running after the bound is killed and the test fails.</summary>
    private static async Task<int> WaitForExitAsync(SandboxProcess sandbox)
    {
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            await sandbox.WaitForExitAsync(timeout.Token);
            return sandbox.ExitCode;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The sandbox did not stop within {Bound}.");
        }
    }

    /// <summary>The child process, killed on dispose if still running, so a failing test leaves nothing behind.</summary>
    private sealed class SandboxProcess(Process process) : IDisposable
    {
        public int Id => process.Id;

        public bool HasExited => process.HasExited;

        public int ExitCode => process.ExitCode;

        public StreamReader StandardError => process.StandardError;

        public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;

namespace OrderFunctions.Testing.Azurite;

/// <summary>
/// An Azurite process for tests: in memory, telemetry off, on free loopback ports, and never outliving the test
/// process. <see cref="Shared"/> is the one instance a test process normally uses; <see cref="StartAsync"/> starts
/// extra ones (e.g. HTTPS with <c>--oauth basic</c>).
/// </summary>
/// <remarks>
/// No orphan survives: Azurite runs under a bash guard whose standard input is a pipe from this process. When
/// this process ends in any way (even SIGKILL), the pipe closes and the guard stops Azurite. Dispose and process
/// exit kill the whole tree at once.
/// </remarks>
public sealed class AzuriteInstance : IAsyncDisposable
{
    /// <summary>The emulator's documented development account (public, not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int StartAttempts = 3;

    // Runs Azurite in the background and stops it when stdin (fd 3, a pipe from the test process) reaches EOF.
    // Builtins only in the watcher, so killing it leaves nothing behind.
    private const string GuardScript =
        """
        exec 3<&0
        "$0" "$@" </dev/null &
        azurite=$!
        { while IFS= read -r -u 3 _; do :; done; kill -TERM "$azurite" 2>/dev/null; } &
        watcher=$!
        trap 'kill -TERM "$azurite" 2>/dev/null' TERM INT
        wait "$azurite"; status=$?
        kill "$watcher" 2>/dev/null
        exit "$status"
        """;

    private static readonly Lazy<Task<AzuriteInstance>> SharedInstance = new(() => StartAsync(new AzuriteOptions()));

    private readonly Process _process;
    private readonly string _workingDirectory;
    private readonly ConcurrentQueue<string> _output;
    private int _stopped;

    private AzuriteInstance(Process process, string workingDirectory, ConcurrentQueue<string> output, string scheme, int[] ports)
    {
        _process = process;
        _workingDirectory = workingDirectory;
        _output = output;
        (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
        BlobServiceUri = new Uri($"{scheme}://127.0.0.1:{BlobPort}/{AccountName}");
        QueueServiceUri = new Uri($"{scheme}://127.0.0.1:{QueuePort}/{AccountName}");
        TableServiceUri = new Uri($"{scheme}://127.0.0.1:{TablePort}/{AccountName}");
        ConnectionString =
            $"DefaultEndpointsProtocol={scheme};AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint={BlobServiceUri};QueueEndpoint={QueueServiceUri};TableEndpoint={TableServiceUri};";
        Connection = StorageConnection.FromConnectionString(ConnectionString);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    /// <summary>The test process's Azurite, started on first use and stopped when the process exits.</summary>
    public static Task<AzuriteInstance> GetSharedAsync() => SharedInstance.Value;

    /// <summary>Same as <see cref="GetSharedAsync"/>, blocking (for synchronous fixture constructors).</summary>
    public static AzuriteInstance Shared => SharedInstance.Value.GetAwaiter().GetResult();

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public Uri BlobServiceUri { get; }

    public Uri QueueServiceUri { get; }

    public Uri TableServiceUri { get; }

    /// <summary>Explicit-endpoint Shared Key connection string, as an app setting would hold it.</summary>
    public string ConnectionString { get; }

    /// <summary>A Shared Key connection to this instance.</summary>
    public StorageConnection Connection { get; }

    /// <summary>Starts a new Azurite (prefer <see cref="GetSharedAsync"/>); dispose it when done.</summary>
    public static async Task<AzuriteInstance> StartAsync(AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var azurite = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed ({azurite} is missing): run `npm ci` at the repository root, or scripts/test.sh.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Next(3);
            var instance = Launch(azurite, options, ports);
            try
            {
                await instance.WaitUntilListeningAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
                return instance;
            }
            catch (AzuriteStartException e) when (attempt < StartAttempts && e.AddressInUse)
            {
                // Another process took one of the free ports between choosing and binding: choose again.
                await instance.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await instance.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>A new, uniquely named table (letters and digits, at most 63), created on this instance.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix = "test", StorageClientOptions? options = null)
    {
        var table = Connection.CreateTableServiceClient(options).GetTableClient(UniqueName.Table(prefix));
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        return table;
    }

    /// <summary>A new, uniquely named queue (lower-case, at most 63), created on this instance.</summary>
    public async Task<QueueClient> CreateQueueAsync(string prefix = "test", StorageClientOptions? options = null)
    {
        var queue = Connection.CreateQueueServiceClient(options).GetQueueClient(UniqueName.Queue(prefix));
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        return queue;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"Azurite (pid {_process.Id}; blob {BlobPort}, queue {QueuePort}, table {TablePort})";

    private static AzuriteInstance Launch(string azurite, AzuriteOptions options, int[] ports)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("azurite-").FullName;
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(GuardScript);
        start.ArgumentList.Add(azurite);
        foreach (var argument in Arguments(options, ports))
        {
            start.ArgumentList.Add(argument);
        }

        var output = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var scheme = options.CertificatePath is null ? "http" : "https";
        return new AzuriteInstance(process, workingDirectory, output, scheme, ports);
    }

    private static IEnumerable<string> Arguments(AzuriteOptions options, int[] ports)
    {
        string[] arguments =
        [
            "--inMemoryPersistence", "--disableTelemetry", "--silent",
            "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        if ((options.CertificatePath is null) != (options.KeyPath is null))
        {
            throw new ArgumentException("HTTPS needs both CertificatePath and KeyPath.", nameof(options));
        }

        if (options.OAuthBasic && options.CertificatePath is null)
        {
            throw new ArgumentException("Azurite accepts --oauth basic only over HTTPS: set CertificatePath and KeyPath.", nameof(options));
        }

        var https = options.CertificatePath is null ? [] : new[] { "--cert", options.CertificatePath, "--key", options.KeyPath! };
        var oauth = options.OAuthBasic ? new[] { "--oauth", "basic" } : [];
        return [.. arguments, .. https, .. oauth];
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 40 && output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await IsListeningAsync(port, deadline.Token).ConfigureAwait(false))
            {
                if (_process.HasExited)
                {
                    throw Failure($"Azurite exited with code {_process.ExitCode} before listening on port {port}");
                }

                try
                {
                    await Task.Delay(100, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw Failure($"Azurite did not listen on port {port} within {timeout.TotalSeconds:0} s");
                }
            }
        }
    }

    private static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private AzuriteStartException Failure(string what)
    {
        // Give the reader threads a moment to collect the last lines Azurite printed.
        _process.WaitForExit(TimeSpan.FromMilliseconds(500));
        var output = string.Join(Environment.NewLine, _output);
        return new AzuriteStartException($"{what}. Its output:{Environment.NewLine}{output}", output.Contains("EADDRINUSE", StringComparison.Ordinal));
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_workingDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp directory left behind is harmless.
            }
        }
    }
}

/// <summary>Azurite did not come up; the message carries the tail of its output.</summary>
public sealed class AzuriteStartException(string message, bool addressInUse) : Exception(message)
{
    public bool AddressInUse { get; } = addressInUse;
}

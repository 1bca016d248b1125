using Microsoft.Extensions.Configuration;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Hosting.Standalone.Timers;

namespace OrderFunctions.Hosting.Tests.Standalone.Fakes;

/// <summary>What a test changes from the harness defaults.</summary>
internal sealed record HarnessOptions
{
    /// <summary>Members of <c>extensions.queues</c> as JSON, e.g. <c>"maxDequeueCount": 3</c>.</summary>
    public string Queues { get; init; } = "\"maxPollingInterval\": \"00:00:00.2\", \"visibilityTimeout\": \"00:00:00\", \"maxDequeueCount\": 3";

    /// <summary>Top-level host.json members appended, e.g. <c>"functionTimeout": "00:00:01"</c>.</summary>
    public string? HostJsonExtra { get; init; }

    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public TimeSpan MessageLease { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Null: in-memory queues and timer status. Set: real storage — the connections <c>OrdersStorage</c>
    /// and <c>AzureWebJobsStorage</c> hold this connection string, and timer status lives under a unique host id.</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>The host id timer status is kept under (default: unique per harness).</summary>
    public string HostId { get; init; } = "test-" + Guid.NewGuid().ToString("N");

    /// <summary>Timer status when not on storage (default: a fresh in-memory store).</summary>
    public IScheduleStatusStore? ScheduleStatusStore { get; init; }

    /// <summary>Overrides the fake handler's address (e.g. a closed port: handler down).</summary>
    public Uri? HandlerUri { get; init; }

    public TimeSpan HandlerReadyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The fake handler's answers from the very first invocation (a timer may fire on start).</summary>
    public Func<RecordedRequest, CancellationToken, Task<FakeReply>>? Respond { get; init; }
}

/// <summary>A fake handler, a standalone runtime driving it on a free port, in-memory queues and captured logs.</summary>
internal sealed class StandaloneHarness : IAsyncDisposable
{
    public const string FunctionKey = "fn-key-0123456789abcdef";
    public const string MasterKey = "master-key-fedcba9876543210";

    /// <summary>The queue-trigger connection name tests use.</summary>
    public const string StorageConnectionName = "OrdersStorage";

    private readonly string _directory;

    private StandaloneHarness(FakeHandler handler, RecordingLoggerProvider logs, InMemoryQueueProvider queues, string directory)
    {
        Handler = handler;
        Logs = logs;
        Queues = queues;
        _directory = directory;
    }

    public FakeHandler Handler { get; }

    public RecordingLoggerProvider Logs { get; }

    public InMemoryQueueProvider Queues { get; }

    public StandaloneRuntime Runtime { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static async Task<StandaloneHarness> StartAsync(IReadOnlyList<FunctionDefinition> functions, HarnessOptions? options = null)
    {
        options ??= new HarnessOptions();
        var handler = await FakeHandler.StartAsync();
        if (options.Respond is not null)
        {
            handler.Respond = options.Respond;
        }

        var directory = Directory.CreateTempSubdirectory("standalone-test-").FullName;
        var harness = new StandaloneHarness(handler, new RecordingLoggerProvider(), new InMemoryQueueProvider(), directory);
        try
        {
            harness.Runtime = await StandaloneRuntime.StartAsync(harness.CreateOptions(functions, options), harness.Logs.CreateFactory(), CancellationToken.None);
            harness.Client = new HttpClient { BaseAddress = harness.Runtime.HttpBaseUri };
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    public StandaloneRuntimeOptions CreateOptions(IReadOnlyList<FunctionDefinition> functions, HarnessOptions options) => new()
    {
        HostJsonPath = WriteHostJson(_directory, options),
        Functions = functions,
        HandlerUri = options.HandlerUri ?? Handler.BaseUri,
        Configuration = Configuration(options),
        HttpPort = 0,
        FunctionKey = FunctionKey,
        MasterKey = MasterKey,
        MessageLease = options.MessageLease,
        DrainTimeout = options.DrainTimeout,
        HandlerReadyTimeout = options.HandlerReadyTimeout,
        QueueProvider = options.StorageConnectionString is null ? Queues : null,
        ScheduleStatusStore = options.ScheduleStatusStore ?? (options.StorageConnectionString is null ? new InMemoryScheduleStatusStore() : null),
        HostId = options.HostId,
    };

    private static IConfiguration Configuration(HarnessOptions options)
    {
        var settings = new Dictionary<string, string?>(options.Settings);
        if (options.StorageConnectionString is { } connectionString)
        {
            settings.TryAdd(StorageConnectionName, connectionString);
            settings.TryAdd("AzureWebJobsStorage", connectionString);
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    public static string WriteHostJson(string directory, HarnessOptions options)
    {
        var path = Path.Combine(directory, "host.json");
        File.WriteAllText(path, $$"""
            {
              "version": "2.0",
              "customHandler": { "description": { "defaultExecutablePath": "handler" }, "enableForwardingHttpRequest": true },
              "extensions": { "http": { "routePrefix": "api" }, "queues": { {{options.Queues}} } }{{(options.HostJsonExtra is null ? "" : ", " + options.HostJsonExtra)}}
            }
            """);
        return path;
    }

    /// <summary>Every log line as text, for "never logs X" assertions.</summary>
    public string AllLogText => string.Join("\n", Logs.Lines.Select(l => l.ToString()));

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Runtime is not null)
        {
            await Runtime.DisposeAsync();
        }

        await Handler.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

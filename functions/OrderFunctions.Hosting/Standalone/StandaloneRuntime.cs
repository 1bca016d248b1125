using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone.HostJson;
using OrderFunctions.Hosting.Standalone.Http;
using OrderFunctions.Hosting.Standalone.Invocation;
using OrderFunctions.Hosting.Standalone.Queues;
using OrderFunctions.Hosting.Standalone.Timers;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Diagnostics;

namespace OrderFunctions.Hosting.Standalone;

/// <summary>What the standalone runtime needs: the host.json it obeys, the functions it drives, where the handler
/// listens, the app settings (connections, <c>%Setting%</c> schedules) and the keys its HTTP front door accepts.</summary>
public sealed class StandaloneRuntimeOptions
{
    public required string HostJsonPath { get; init; }

    public required IReadOnlyList<FunctionDefinition> Functions { get; init; }

    /// <summary>The handler's base address, e.g. <c>http://127.0.0.1:51234</c>.</summary>
    public required Uri HandlerUri { get; init; }

    public required IConfiguration Configuration { get; init; }

    /// <summary>The front door's port on 127.0.0.1; 0 picks a free one (see <see cref="StandaloneRuntime.HttpBaseUri"/>).</summary>
    public int HttpPort { get; init; } = 7071;

    /// <summary>Accepted for <c>function</c>-level routes (header <c>x-functions-key</c> or query <c>code</c>).</summary>
    public required string FunctionKey { get; init; }

    /// <summary>Accepted for every route, and the only key for <c>admin</c>-level routes.</summary>
    public required string MasterKey { get; init; }

    /// <summary>How long a received queue message stays hidden while its invocation runs; renewed every half lease.
    /// The host uses 10 minutes, which is also how long a message of a killed process stays invisible — the chaos
    /// test sets seconds.</summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long <see cref="StandaloneRuntime.StopAsync"/> lets in-flight invocations finish before cutting
    /// them short (their queue messages become visible again at once).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The connection whose Table storage keeps timers' schedule status across restarts (the host keeps it in
    /// <c>AzureWebJobsStorage</c>). If that setting is absent, or this is null, status is kept in memory.</summary>
    public string? ScheduleMonitorConnection { get; init; } = "AzureWebJobsStorage";

    /// <summary>Separates the timer status of apps sharing a storage account, as the host id does.</summary>
    public string HostId { get; init; } = DefaultHostId();

    /// <summary>How long start-up waits for the handler to answer <c>GET /</c> before any invocation (the host's
    /// <c>customHandler.initializationTimeout</c>, 30 seconds by default).</summary>
    public TimeSpan HandlerReadyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Counts the queue polling's storage requests (as the host's polling is billed in Azure); null: none.</summary>
    public StorageTransactionCounter? TransactionCounter { get; init; }

    /// <summary>The clock of timers, polling back-off and leases.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Test seam: queues other than storage (an in-memory queue).</summary>
    internal IQueueProvider? QueueProvider { get; init; }

    /// <summary>Test seam: timer status other than storage.</summary>
    internal IScheduleStatusStore? ScheduleStatusStore { get; init; }

    /// <summary>The host derives its id from the machine name: lower case, letters, digits and dashes, 32 at most.</summary>
    private static string DefaultHostId()
    {
        var id = Regex.Replace(Environment.MachineName.ToLowerInvariant(), "[^a-z0-9-]", "-");
        return id.Length == 0 ? "standalone" : id[..Math.Min(id.Length, 32)];
    }
}

/// <summary>
/// Drives a custom handler the way the Functions host does (DESIGN D3): NCRONTAB timers, queue polling with
/// back-off, visibility timeout, <c>maxDequeueCount</c> and <c>&lt;queue&gt;-poison</c>, and HTTP routes under the
/// route prefix with function keys, sending the host's exact payloads.
/// </summary>
public sealed class StandaloneRuntime : IAsyncDisposable
{
    // After the drain deadline, how long cut-short invocations get to put their messages back.
    private static readonly TimeSpan SettleGrace = TimeSpan.FromSeconds(10);

    private readonly StandaloneRuntimeOptions _options;
    private readonly HttpFrontDoor _frontDoor;
    private readonly IReadOnlyList<IDisposable> _resources;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<Task> _listeners = [];
    private readonly Lock _stopGate = new();
    private Task? _stopped;

    private StandaloneRuntime(StandaloneRuntimeOptions options, HttpFrontDoor frontDoor, IReadOnlyList<IDisposable> resources, ILogger logger)
    {
        _options = options;
        _frontDoor = frontDoor;
        _resources = resources;
        _logger = logger;
    }

    /// <summary>Validates everything (host.json, schedules, connections, routes) before starting anything, waits for
    /// the handler to answer <c>GET /</c>, then starts the front door, the timers and the queue listeners. Throws
    /// <see cref="StandaloneConfigurationException"/> naming what is wrong.</summary>
    public static async Task<StandaloneRuntime> StartAsync(StandaloneRuntimeOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        Validate(options);

        var logger = loggerFactory.CreateLogger<StandaloneRuntime>();
        var settings = HostSettingsReader.ReadFile(options.HostJsonPath);
        if (!settings.EnableForwardingHttpRequest && options.Functions.Any(f => f.Trigger is HttpTrigger))
        {
            throw new StandaloneConfigurationException(
                "host.json: 'customHandler.enableForwardingHttpRequest' must be true: the standalone runtime forwards HTTP functions as the host does with it.");
        }

        var keys = new FunctionKeys(options.FunctionKey, options.MasterKey);
        var time = options.TimeProvider;
        var handler = new HandlerClient(options.HandlerUri, settings.FunctionTimeout, time, loggerFactory);
        var resources = new List<IDisposable> { handler };
        try
        {
            var timers = CreateTimers(options, handler, logger, loggerFactory, resources);
            var queues = CreateQueueListeners(options, settings, handler, loggerFactory, resources, out var queueProvider);
            if (!await handler.WaitUntilReadyAsync(options.HandlerReadyTimeout, cancellationToken))
            {
                throw new StandaloneConfigurationException($"The handler did not answer GET {options.HandlerUri} within {options.HandlerReadyTimeout}; is it running?");
            }

            var frontDoor = await HttpFrontDoor.StartAsync(options.HttpPort, options.Functions, settings.RoutePrefix, keys, handler, time, loggerFactory, cancellationToken);
            var runtime = new StandaloneRuntime(options, frontDoor, resources, logger);
            runtime.LogSummary(timers, queueProvider);
            foreach (var timer in timers)
            {
                runtime.Run("timer", timer.Name, timer.Listener.RunAsync);
            }

            foreach (var queue in queues)
            {
                runtime.Run("queue", queue.Name, queue.Listener.RunAsync);
            }

            return runtime;
        }
        catch
        {
            foreach (var resource in resources)
            {
                resource.Dispose();
            }

            throw;
        }
    }

    /// <summary>The HTTP front door, e.g. <c>http://127.0.0.1:7071</c>.</summary>
    public Uri HttpBaseUri => _frontDoor.BaseUri;

    /// <summary>Stops timers and polling and the front door, then lets in-flight invocations finish until
    /// <see cref="StandaloneRuntimeOptions.DrainTimeout"/> or <paramref name="cancellationToken"/>; invocations still
    /// running then are cut short and their messages made visible again. Nothing is deleted that did not succeed.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate)
        {
            return _stopped ??= StopCoreAsync(cancellationToken);
        }
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        StandaloneLog.RuntimeStopping(_logger, _options.DrainTimeout);
        await _stopping.CancelAsync();

        using var drain = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        drain.CancelAfter(_options.DrainTimeout);
        await using (drain.Token.Register(_abort.Cancel))
        {
            var everything = Task.WhenAll([.. _listeners, _frontDoor.StopAsync(drain.Token)]);
            try
            {
                await everything.WaitAsync(_options.DrainTimeout + SettleGrace, CancellationToken.None);
                StandaloneLog.RuntimeStopped(_logger);
            }
            catch (TimeoutException)
            {
                StandaloneLog.RuntimeStoppedUnsettled(_logger);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        await _frontDoor.DisposeAsync();
        foreach (var resource in _resources)
        {
            resource.Dispose();
        }

        _stopping.Dispose();
        _abort.Dispose();
    }

    private static void Validate(StandaloneRuntimeOptions options)
    {
        if (!options.HandlerUri.IsAbsoluteUri)
        {
            throw new StandaloneConfigurationException($"HandlerUri must be absolute (found '{options.HandlerUri}').");
        }

        if (options.HttpPort is < 0 or > 65535)
        {
            throw new StandaloneConfigurationException($"HttpPort must be from 0 to 65535 (found {options.HttpPort}).");
        }

        // Queue visibility is set in whole seconds.
        if (options.MessageLease < TimeSpan.FromSeconds(1))
        {
            throw new StandaloneConfigurationException($"MessageLease must be at least 1 second (found {options.MessageLease}).");
        }

        if (options.DrainTimeout < TimeSpan.Zero)
        {
            throw new StandaloneConfigurationException($"DrainTimeout must not be negative (found {options.DrainTimeout}).");
        }

        var duplicate = options.Functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new StandaloneConfigurationException($"Function name '{duplicate.Key}' is declared more than once (names are case-insensitive).");
        }
    }

    private static List<(string Name, CronSchedule Schedule, TimerListener Listener)> CreateTimers(
        StandaloneRuntimeOptions options, HandlerClient handler, ILogger logger, ILoggerFactory loggerFactory, List<IDisposable> resources)
    {
        var timers = options.Functions
            .Select(f => (f.Name, Trigger: f.Trigger as TimerTrigger))
            .Where(t => t.Trigger is not null)
            .Select(t => (t.Name, Trigger: t.Trigger!, Schedule: CronSchedule.Resolve(t.Name, t.Trigger!.Schedule, options.Configuration)))
            .ToList();
        if (timers.Count == 0)
        {
            return [];
        }

        var store = timers.Any(t => t.Trigger.UseMonitor) ? CreateScheduleStatusStore(options, logger, resources) : new InMemoryScheduleStatusStore();
        var timerLogger = loggerFactory.CreateLogger<TimerListener>();
        return [.. timers.Select(t => (t.Name, t.Schedule, new TimerListener(t.Name, t.Trigger, t.Schedule, store, handler, options.TimeProvider, timerLogger)))];
    }

    private static IScheduleStatusStore CreateScheduleStatusStore(StandaloneRuntimeOptions options, ILogger logger, List<IDisposable> resources)
    {
        if (options.ScheduleStatusStore is { } injected)
        {
            return injected;
        }

        var connectionName = options.ScheduleMonitorConnection;
        if (connectionName is null || !IsConfigured(options.Configuration, connectionName))
        {
            StandaloneLog.ScheduleStatusInMemory(logger, connectionName ?? "(none)");
            return new InMemoryScheduleStatusStore();
        }

        StorageConnection connection;
        try
        {
            connection = StorageConnection.FromConfiguration(options.Configuration, connectionName);
        }
        catch (InvalidOperationException e)
        {
            throw new StandaloneConfigurationException($"Schedule monitor connection '{connectionName}': {e.Message}", e);
        }

        var store = new TableScheduleStatusStore(connection.CreateTableServiceClient().GetTableClient(TableScheduleStatusStore.TableName), options.HostId);
        resources.Add(store);
        return store;
    }

    /// <summary>A connection string under the name (or <c>AzureWebJobs</c>+name), or identity settings under <c>name__</c>.</summary>
    private static bool IsConfigured(IConfiguration configuration, string connectionName) =>
        !string.IsNullOrWhiteSpace(configuration[connectionName])
        || !string.IsNullOrWhiteSpace(configuration["AzureWebJobs" + connectionName])
        || configuration.GetSection(connectionName).GetChildren().Any();

    private static List<(string Name, QueueListener Listener)> CreateQueueListeners(
        StandaloneRuntimeOptions options,
        HostSettings settings,
        HandlerClient handler,
        ILoggerFactory loggerFactory,
        List<IDisposable> resources,
        out IQueueProvider provider)
    {
        provider = options.QueueProvider ?? new StorageQueueProvider(options.Configuration, options.TransactionCounter);
        var queueLogger = loggerFactory.CreateLogger<QueueListener>();
        var listeners = new List<(string, QueueListener)>();
        foreach (var function in options.Functions)
        {
            if (function.Trigger is QueueTrigger trigger)
            {
                var listener = new QueueListener(
                    function.Name,
                    provider.GetQueue(trigger.Connection, trigger.QueueName),
                    provider.GetQueue(trigger.Connection, trigger.QueueName + "-poison"),
                    settings.Queues,
                    options.MessageLease,
                    handler,
                    options.TimeProvider,
                    queueLogger);
                resources.Add(listener);
                listeners.Add((function.Name, listener));
            }
        }

        return listeners;
    }

    private void Run(string trigger, string functionName, Func<CancellationToken, CancellationToken, Task> listener) =>
        _listeners.Add(Task.Run(async () =>
        {
            try
            {
                await listener(_stopping.Token, _abort.Token);
            }
            catch (Exception e)
            {
                StandaloneLog.ListenerCrashed(_logger, trigger, functionName, e);
            }
        }));

    private void LogSummary(List<(string Name, CronSchedule Schedule, TimerListener Listener)> timers, IQueueProvider queueProvider)
    {
        StandaloneLog.RuntimeStarted(_logger, _options.Functions.Count, HttpBaseUri, _options.HandlerUri);
        foreach (var function in _options.Functions)
        {
            switch (function.Trigger)
            {
                case TimerTrigger timer:
                    var (_, schedule, listener) = timers.Single(t => t.Name == function.Name);
                    StandaloneLog.TimerFunction(_logger, function.Name, schedule.Expression, timer.RunOnStartup, listener.UsesMonitor);
                    break;
                case QueueTrigger queue:
                    StandaloneLog.QueueFunction(_logger, function.Name, queue.QueueName, queue.Connection, queueProvider.Describe(queue.Connection));
                    break;
                case HttpTrigger http:
                    var route = _frontDoor.Routes.Routes.First(r => r.FunctionName == function.Name);
                    StandaloneLog.HttpFunction(_logger, function.Name, route.Methods, $"{HttpBaseUri.ToString().TrimEnd('/')}/{route.Template}", http.AuthLevel.ToString().ToLowerInvariant());
                    break;
            }
        }
    }
}

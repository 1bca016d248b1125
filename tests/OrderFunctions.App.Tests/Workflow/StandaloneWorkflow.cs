using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Notifications.Digests;
using OrderFunctions.App.Startup;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Operations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Tests.Workflow;

/// <summary>
/// The app as <c>handler standalone</c> runs it — the real handler with the app's catalog and registrations, and the
/// standalone runtime firing the timers and polling the queues — on a given Azurite, with the in-memory platforms as
/// its connectors or, for the end-to-end tests on the sandbox (Demo/, EndToEnd/), the real ones. Timers fire every second; host.json's queue settings are shortened (retry after 1 s, three
/// attempts), with the workflow's options to match. The mail-sending functions are left out so the tests can read the
/// notification outbox the workflow fills (the notification tests cover the sending).
/// </summary>
internal sealed class StandaloneWorkflow : IAsyncDisposable
{
    private const int MaxDequeueCount = 3;
    public const string FunctionKey = "workflow-tests-function-key";
    private const string MasterKey = "workflow-tests-master-key";
    private readonly WebApplication _app;
    private readonly StandaloneRuntime _runtime;
    private readonly string _hostJsonDirectory;

    private StandaloneWorkflow(WebApplication app, StandaloneRuntime runtime, string hostJsonDirectory)
    {
        _app = app;
        _runtime = runtime;
        _hostJsonDirectory = hostJsonDirectory;
    }

    public IntegrationStore Integrations => _app.Services.GetRequiredService<IntegrationStore>();

    public OrderOperations Operations => _app.Services.GetRequiredService<OrderOperations>();

    public IOrderStore Orders => _app.Services.GetRequiredService<IOrderStore>();

    public WorkflowStorage Storage => _app.Services.GetRequiredService<WorkflowStorage>();

    public IServiceProvider Services => _app.Services;

    /// <summary>The runtime's HTTP front door; the HTTP functions answer under <c>api/</c>.</summary>
    public Uri HttpBaseUri => _runtime.HttpBaseUri;

    public static Task<StandaloneWorkflow> StartAsync(AzuriteInstance azurite, FakeConnectors platforms) =>
        StartAsync(azurite, services => services.AddSingleton<IConnectorFactory>(platforms));

    /// <summary>Starts the app on <paramref name="azurite"/>. <paramref name="configureServices"/> replaces registrations
    /// (the connector factory, say: without it the app's real connectors run); <paramref name="settings"/> override the
    /// test settings above; <paramref name="beforeTriggers"/> runs once the handler listens and before the first timer
    /// fires (seeding integrations, as scripts/run-local.sh does); <paramref name="httpPort"/> fixes the front door's port
    /// (0: a free one).</summary>
    public static async Task<StandaloneWorkflow> StartAsync(
        AzuriteInstance azurite,
        Action<IServiceCollection> configureServices,
        IReadOnlyDictionary<string, string?>? settings = null,
        Func<IServiceProvider, Task>? beforeTriggers = null,
        int httpPort = 0)
    {
        var hostJsonDirectory = Directory.CreateTempSubdirectory("orderfunctions-hostjson-").FullName;
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("host.json")))!;
        var queues = hostJson["extensions"]!["queues"]!;
        queues["visibilityTimeout"] = "00:00:01";
        queues["maxPollingInterval"] = "00:00:00.500";
        queues["maxDequeueCount"] = MaxDequeueCount;
        var hostJsonPath = Path.Combine(hostJsonDirectory, "host.json");
        await File.WriteAllTextAsync(hostJsonPath, hostJson.ToJsonString());

        var overrides = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["HeartbeatSchedule"] = "0 0 0 1 1 *",
            ["WorkflowPollSchedule"] = "* * * * * *",
            ["WorkflowSweepSchedule"] = "*/2 * * * * *",
            ["Standalone:FunctionKey"] = FunctionKey,
            ["Standalone:MasterKey"] = MasterKey,
            ["Workflow:LeaseDuration"] = "00:00:02",
            ["Workflow:SweepGrace"] = "00:00:01",
            ["Workflow:ShipmentProgressInterval"] = "00:00:02",
            ["Workflow:RetryDelay"] = "00:00:00.200",
            ["Workflow:MaxDequeueCount"] = MaxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var app = HandlerApp.Build(new HandlerAppSettings
        {
            Port = 0,
            Mode = HandlerMode.Standalone,
            Overrides = overrides,
            ConfigureServices = configureServices,
        });
        await HandlerApp.StartAsync(app, CancellationToken.None);
        if (beforeTriggers is not null)
        {
            await beforeTriggers(app.Services);
        }

        var runtime = await StandaloneRuntime.StartAsync(
            new StandaloneRuntimeOptions
            {
                HostJsonPath = hostJsonPath,
                Functions = [.. AppFunctions.Create().Definitions.Where(d => d.Trigger is not QueueTrigger { QueueName: WorkflowStorageNames.NotificationQueueName or NewOrdersDigestOutbox.QueueName })],
                HandlerUri = HandlerApp.ListeningUri(app),
                Configuration = app.Configuration,
                HttpPort = httpPort,
                FunctionKey = FunctionKey,
                MasterKey = MasterKey,
                ScheduleMonitorConnection = null,
                DrainTimeout = TimeSpan.FromSeconds(5),
            },
            app.Services.GetRequiredService<ILoggerFactory>(),
            CancellationToken.None);
        return new StandaloneWorkflow(app, runtime, hostJsonDirectory);
    }

    public Task<IntegrationRecord> AddIntegrationAsync(string id, IntegrationSettings? settings = null, StatusMap? map = null) =>
        Integrations.CreateAsync(
            Samples.Integration(id, (settings ?? new IntegrationSettings()) with { PollInterval = TimeSpan.FromSeconds(1), TrackingWait = settings?.TrackingWait ?? TimeSpan.FromSeconds(2) }),
            map,
            CancellationToken.None);

    public async Task<OrderState?> OrderAsync(string integrationId, string orderId) =>
        (await Orders.GetAsync(OrderKey.Create(integrationId, orderId), CancellationToken.None))?.State;

    /// <summary>Waits (bounded) until the order satisfies <paramref name="condition"/>; fails with its history otherwise.</summary>
    public async Task<OrderState> WaitForAsync(string integrationId, string orderId, Func<OrderState, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if (await OrderAsync(integrationId, orderId) is { } order && condition(order))
            {
                return order;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                var history = await Orders.GetHistoryAsync(OrderKey.Create(integrationId, orderId), CancellationToken.None);
                throw new TimeoutException($"Order {integrationId}:{orderId} did not get there in time. History:\n  " + string.Join("\n  ", history.Select(h => $"{h.At:HH:mm:ss.fff} {h.Event}: {h.From} -> {h.To} ({h.Note})")));
            }

            await Task.Delay(100);
        }
    }

    public Task<OrderState> WaitForAsync(string integrationId, string orderId, OrderStatus status) =>
        WaitForAsync(integrationId, orderId, o => o.Status == status);

    /// <summary>Messages the runtime gave up on (moved to <c>&lt;queue&gt;-poison</c>) for the poll and step queues.</summary>
    public async Task<int> PoisonedAsync(AzuriteInstance azurite)
    {
        var queues = azurite.Connection.CreateQueueServiceClient();
        var poisoned = 0;
        foreach (var queue in new[] { Storage.PollQueue.Name, Storage.StepQueue.Name })
        {
            try
            {
                poisoned += await queues.GetQueueClient(queue + "-poison").GetApproximateMessageCountAsync();
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // Never created: nothing was poisoned.
            }
        }

        return poisoned;
    }

    /// <summary>The notifications queued so far (read without removing them).</summary>
    public async Task<IReadOnlyList<NotificationMessage>> NotificationsAsync() =>
        [.. (await Storage.NotificationQueue.PeekMessagesAsync(32)).Select(m => WorkflowJson.ParseNotification(m.Body))];

    public async ValueTask DisposeAsync()
    {
        await _runtime.StopAsync(CancellationToken.None);
        await _runtime.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_hostJsonDirectory, recursive: true);
    }
}

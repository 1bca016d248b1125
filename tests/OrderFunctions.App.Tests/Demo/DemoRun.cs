using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Demo;
using OrderFunctions.App.Notifications.Digests;
using OrderFunctions.App.Startup;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Sandbox.Demo;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Testing;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;

namespace OrderFunctions.App.Tests.Demo;

/// <summary>
/// What scripts/run-local.sh starts, in-process: the sandbox (ports and secrets files in a temporary folder), an
/// Azurite of its own, the app as <c>handler standalone</c> runs it with the real connectors reading the sandbox's
/// secrets file, the demo seeding from the ports file, and the demo traffic. Faster than the real run: timers every
/// second, queue retries after one second, and the caller's demo pace and seeding timings. The mail senders are left
/// out (the notification tests cover them).
/// </summary>
internal sealed class DemoRun : IAsyncDisposable
{
    public const string FunctionKey = "demo-tests-function-key";
    private const string MasterKey = "demo-tests-master-key";

    private readonly DirectoryInfo _directory;
    private readonly StringWriter _output = new();
    private readonly List<IAsyncDisposable> _started = [];

    private DemoRun(DirectoryInfo directory)
    {
        _directory = directory;
        Output = TextWriter.Synchronized(_output);
    }

    public SandboxHost Sandbox { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public DemoDriver Driver { get; private set; } = null!;

    public IReadOnlyList<DemoSeedResult> Seeded { get; private set; } = [];

    /// <summary>The standalone runtime's front door (<c>http://127.0.0.1:{port}/</c>; the API under <c>api/</c>).</summary>
    public Uri AppUri { get; private set; } = null!;

    public TextWriter Output { get; }

    /// <summary>Everything the driver printed so far.</summary>
    public string Printed
    {
        get
        {
            lock (Output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="shopWebhooks">As run-local.sh: the sandbox's shops send their webhooks to the demo integrations'
    /// routes on the app, whose port is chosen before the sandbox starts (the app listens only later).</param>
    public static async Task<DemoRun> StartAsync(DemoOptions demo, DemoSeedOptions seed, bool shopWebhooks = false)
    {
        var run = new DemoRun(Directory.CreateTempSubdirectory("orderfunctions-demo-run-"));
        try
        {
            await run.StartPartsAsync(demo, seed, shopWebhooks);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    public async Task<OrderState?> OrderAsync(string integrationId, string marketplaceOrderId) =>
        (await App.Services.GetRequiredService<IOrderStore>().GetAsync(OrderKey.Create(integrationId, marketplaceOrderId), CancellationToken.None))?.State;

    public async ValueTask DisposeAsync()
    {
        // Last started, first stopped: the traffic, the triggers, the handler, Azurite, the sandbox.
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    private async Task StartPartsAsync(DemoOptions demo, DemoSeedOptions seed, bool shopWebhooks)
    {
        var portsFile = Path.Combine(_directory.FullName, "ports.json");
        var secretsFile = Path.Combine(_directory.FullName, "secrets.json");
        var appPort = shopWebhooks ? FreePort.Next() : 0;
        var appUri = new Uri(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://127.0.0.1:{appPort}/"));
        Sandbox = await SandboxHost.StartAsync(new SandboxSettings
        {
            PortsFile = portsFile,
            SecretsFile = secretsFile,
            Seed = 4,
            WooCommerceWebhookUrl = shopWebhooks ? DemoIntegrations.WooCommerceWebhookUrl(appUri) : null,
            ShopifyWebhookUrl = shopWebhooks ? DemoIntegrations.ShopifyWebhookUrl(appUri) : null,
        });
        _started.Add(Sandbox);
        await Sandbox.WriteFilesAsync(CancellationToken.None);

        var azurite = await AzuriteInstance.StartAsync(new AzuriteOptions());
        _started.Add(azurite);

        App = HandlerApp.Build(new HandlerAppSettings
        {
            Port = 0,
            Mode = HandlerMode.Standalone,
            Overrides = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Secrets:LocalFile"] = secretsFile,
                ["HeartbeatSchedule"] = "0 0 0 1 1 *",
                ["WorkflowPollSchedule"] = "* * * * * *",
                ["WorkflowSweepSchedule"] = "*/2 * * * * *",
                ["Standalone:FunctionKey"] = FunctionKey,
                ["Standalone:MasterKey"] = MasterKey,
                ["Workflow:LeaseDuration"] = "00:00:10",
                ["Workflow:SweepGrace"] = "00:00:02",
                ["Workflow:ShipmentProgressInterval"] = "00:00:02",
                ["Workflow:RetryDelay"] = "00:00:00.500",
            },
        });
        _started.Add(new Stoppable(async () =>
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }));
        await HandlerApp.StartAsync(App, CancellationToken.None);

        // As run-local.sh: seed from the ports file before the triggers run.
        var manifest = await DemoManifest.ReadAsync(portsFile, CancellationToken.None);
        Seeded = await new DemoSeeder(App.Services.GetRequiredService<IntegrationStore>()).SeedAsync(manifest, seed, CancellationToken.None);

        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("host.json")))!;
        hostJson["extensions"]!["queues"]!["visibilityTimeout"] = "00:00:01";
        hostJson["extensions"]!["queues"]!["maxPollingInterval"] = "00:00:00.500";
        var hostJsonPath = Path.Combine(_directory.FullName, "host.json");
        await File.WriteAllTextAsync(hostJsonPath, hostJson.ToJsonString());
        var runtime = await StandaloneRuntime.StartAsync(
            new StandaloneRuntimeOptions
            {
                HostJsonPath = hostJsonPath,
                Functions = [.. AppFunctions.Create().Definitions.Where(d => d.Trigger is not QueueTrigger { QueueName: WorkflowStorageNames.NotificationQueueName or NewOrdersDigestOutbox.QueueName })],
                HandlerUri = HandlerApp.ListeningUri(App),
                Configuration = App.Configuration,
                HttpPort = appPort,
                FunctionKey = FunctionKey,
                MasterKey = MasterKey,
                ScheduleMonitorConnection = null,
                DrainTimeout = TimeSpan.FromSeconds(5),
            },
            App.Services.GetRequiredService<ILoggerFactory>(),
            CancellationToken.None);
        AppUri = runtime.HttpBaseUri;
        _started.Add(new Stoppable(async () =>
        {
            await runtime.StopAsync(CancellationToken.None);
            await runtime.DisposeAsync();
        }));

        Driver = DemoDriver.Start(Sandbox, demo, Output);
        _started.Add(Driver);
    }

    private sealed class Stoppable(Func<Task> stop) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await stop();
    }
}

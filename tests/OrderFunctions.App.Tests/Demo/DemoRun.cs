using Microsoft.Extensions.DependencyInjection;
using OrderFunctions.App.Demo;
using OrderFunctions.App.Tests.Workflow;
using OrderFunctions.Sandbox.Demo;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Testing;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Tests.Demo;

/// <summary>
/// What scripts/run-local.sh starts, in-process: the sandbox (ports and secrets files in a temporary folder), an
/// Azurite of its own, the app as <c>handler standalone</c> runs it (<see cref="StandaloneWorkflow"/>) with the real
/// connectors reading the sandbox's secrets file, the demo seeding from the ports file, and optionally the demo traffic.
/// Faster than the real run: timers every second, queue retries after one second, and the caller's demo pace and
/// seeding timings. The mail senders are left out (the notification tests cover them).
/// </summary>
internal sealed class DemoRun : IAsyncDisposable
{
    public const string FunctionKey = StandaloneWorkflow.FunctionKey;

    private readonly DirectoryInfo _directory;
    private readonly StringWriter _output = new();
    private readonly List<IAsyncDisposable> _started = [];

    private DemoRun(DirectoryInfo directory)
    {
        _directory = directory;
        Output = TextWriter.Synchronized(_output);
    }

    public SandboxHost Sandbox { get; private set; } = null!;

    public AzuriteInstance Azurite { get; private set; } = null!;

    /// <summary>The app with its standalone runtime: orders, operations, the notification outbox.</summary>
    public StandaloneWorkflow Workflow { get; private set; } = null!;

    /// <summary>The demo traffic; null when the run was started without it.</summary>
    public DemoDriver? Driver { get; private set; }

    public IReadOnlyList<DemoSeedResult> Seeded { get; private set; } = [];

    public TextWriter Output { get; }

    /// <summary>The app's HTTP front door (the runtime's <c>/api</c> routes live under it).</summary>
    public Uri AppUri => Workflow.HttpBaseUri;

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

    /// <summary>Starts everything; without <paramref name="demo"/> there is no traffic (the caller drives the simulators).
    /// <paramref name="configureServices"/> may replace registrations, the real connector factory's options, say.
    /// With <paramref name="shopWebhooks"/>, as run-local.sh: the sandbox's shops send their webhooks to the demo
    /// integrations' routes on the app, whose port is chosen before the sandbox starts (the app listens only later).</summary>
    public static async Task<DemoRun> StartAsync(
        DemoOptions? demo, DemoSeedOptions seed, Action<IServiceCollection>? configureServices = null, bool shopWebhooks = false)
    {
        var run = new DemoRun(Directory.CreateTempSubdirectory("orderfunctions-demo-run-"));
        try
        {
            await run.StartPartsAsync(demo, seed, configureServices ?? (_ => { }), shopWebhooks);
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    public Task<OrderState?> OrderAsync(string integrationId, string marketplaceOrderId) => Workflow.OrderAsync(integrationId, marketplaceOrderId);

    public async ValueTask DisposeAsync()
    {
        // Last started, first stopped: the traffic, the triggers, the handler, Azurite, the sandbox.
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    private async Task StartPartsAsync(DemoOptions? demo, DemoSeedOptions seed, Action<IServiceCollection> configureServices, bool shopWebhooks)
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

        Azurite = await AzuriteInstance.StartAsync(new AzuriteOptions());
        _started.Add(Azurite);

        // As run-local.sh: seed from the ports file before the triggers run.
        Workflow = await StandaloneWorkflow.StartAsync(
            Azurite,
            configureServices,
            new Dictionary<string, string?>
            {
                ["Secrets:LocalFile"] = secretsFile,
                ["Workflow:LeaseDuration"] = "00:00:10",
                ["Workflow:SweepGrace"] = "00:00:02",
                ["Workflow:RetryDelay"] = "00:00:00.500",
            },
            async services =>
            {
                var manifest = await DemoManifest.ReadAsync(portsFile, CancellationToken.None);
                Seeded = await new DemoSeeder(services.GetRequiredService<IntegrationStore>()).SeedAsync(manifest, seed, CancellationToken.None);
            },
            appPort);
        _started.Add(Workflow);

        if (demo is not null)
        {
            Driver = DemoDriver.Start(Sandbox, demo, Output);
            _started.Add(Driver);
        }
    }
}

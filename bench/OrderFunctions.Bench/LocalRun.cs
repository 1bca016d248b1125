using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Testing;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;

namespace OrderFunctions.Bench;

/// <summary>How the local run is tuned: the published handler's settings that differ from local.settings.sample.json.</summary>
internal sealed record LocalRunSettings
{
    /// <summary>Each integration's poll interval (the marketplace and shop are polled together).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>App settings on top of the sample's (environment variables of the handler process).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the integrations notify new orders (by mail, to the local .eml folder).</summary>
    public bool NotifyNewOrders { get; init; }

    /// <summary>How many sandboxes (seller accounts and shops, two integrations each) the hub serves.</summary>
    public int Lanes { get; init; } = 1;
}

/// <summary>
/// Everything the local run needs, each as its own process like a developer's machine runs it: an in-memory Azurite,
/// one or more sandboxes (docs/sandbox.md; <see cref="SandboxLane"/>: each its own seller accounts and shops, with two
/// integrations written through the workflow's own store: Trendyol → WooCommerce and bol.com → Shopify) and the
/// published handler in <c>standalone</c> mode. The bench talks to the handler only over HTTP, and to the platforms only
/// through the sandboxes' control APIs.
/// </summary>
internal sealed class LocalRun : IAsyncDisposable
{
    private readonly LocalRunSettings _settings;
    private readonly ServiceProvider _workflow;
    private readonly string _masterKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private readonly Dictionary<string, SandboxLane> _laneOf;
    private int _handlerStarts;

    private LocalRun(BenchPaths paths, LocalRunSettings settings, string workDirectory, AzuriteInstance azurite, int handlerPort, IReadOnlyList<SandboxLane> lanes)
    {
        Paths = paths;
        _settings = settings;
        WorkDirectory = workDirectory;
        Azurite = azurite;
        Lanes = lanes;
        _laneOf = lanes.SelectMany(l => l.Integrations.Select(i => (Integration: i, Lane: l))).ToDictionary(p => p.Integration, p => p.Lane, StringComparer.Ordinal);
        HandlerPort = handlerPort;
        Handler = new HttpClient { Timeout = TimeSpan.FromSeconds(30), BaseAddress = HandlerBase(handlerPort) };
        Handler.DefaultRequestHeaders.Add("x-functions-key", _masterKey);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(azurite.Connection.CreateTableServiceClient());
        services.AddSingleton(azurite.Connection.CreateQueueServiceClient());
        services.AddOrderWorkflow();
        _workflow = services.BuildServiceProvider();
    }

    public BenchPaths Paths { get; }

    public string WorkDirectory { get; }

    public AzuriteInstance Azurite { get; }

    public IReadOnlyList<SandboxLane> Lanes { get; }

    /// <summary>Every integration of every lane.</summary>
    public IEnumerable<string> Integrations => Lanes.SelectMany(l => l.Integrations);

    /// <summary>The standalone runtime's front door, with the master key.</summary>
    public HttpClient Handler { get; }

    public int HandlerPort { get; }

    public ChildProcess? HandlerProcess { get; private set; }

    public string MailFolder => Path.Combine(WorkDirectory, "mail");

    public string SecretsFile => Path.Combine(WorkDirectory, "secrets.json");

    public IOrderStore Orders => _workflow.GetRequiredService<IOrderStore>();

    public SandboxLane LaneOf(string integrationId) => _laneOf[integrationId];

    public static async Task<LocalRun> StartAsync(BenchPaths paths, LocalRunSettings settings, AzuriteInstance azurite, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("orderfunctions-bench-").FullName;
        // The handler runs in the work folder with the committed sample settings, as scripts/run-local.sh runs it.
        File.Copy(Path.Combine(paths.Root, "local.settings.sample.json"), Path.Combine(work, "local.settings.json"));
        var handlerPort = FreePort.Next();
        var starting = Enumerable.Range(1, settings.Lanes)
            .Select(n => SandboxLane.StartAsync(n, paths.SandboxDll, work, cancellationToken))
            .ToList();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var lane in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await lane.Result.DisposeAsync();
            }

            throw;
        }

        var run = new LocalRun(paths, settings, work, azurite, handlerPort, [.. starting.Select(t => t.Result)]);
        await File.WriteAllTextAsync(run.SecretsFile, new JsonObject(run.Lanes.SelectMany(l => l.Secrets)).ToJsonString(), cancellationToken);
        await run.SeedIntegrationsAsync(cancellationToken);
        return run;
    }

    /// <summary>Starts the published handler in standalone mode and waits until its front door answers.</summary>
    public async Task StartHandlerAsync(CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Standalone__FunctionKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)),
            ["Standalone__MasterKey"] = _masterKey,
            ["Secrets__LocalFile"] = SecretsFile,
            ["Notifications__FileFolder"] = MailFolder,
            ["Notifications__ApiBaseUrl"] = new Uri(Handler.BaseAddress!, "api").ToString(),
            // Timers: the fan-out every second (each integration is polled at its own interval), the sweeper every 10 s.
            ["WorkflowPollSchedule"] = "* * * * * *",
            ["WorkflowSweepSchedule"] = "*/10 * * * * *",
            ["HeartbeatSchedule"] = "0 0 0 1 1 *",
            // bol.com confirms a shipment asynchronously and lists only open orders, so a shipped bol order closes when
            // the sweeper asks for the process status: 10 minutes (+ 2 minutes' grace) after the push in Azure, 15 s
            // (+ 10 s) here.
            ["Workflow__ShipmentProgressInterval"] = "00:00:15",
            ["Workflow__SweepGrace"] = "00:00:10",
        };
        foreach (var (name, value) in _settings.Settings)
        {
            environment[name] = value;
        }

        var start = ++_handlerStarts;
        HandlerProcess = ChildProcess.Start(
            Paths.Handler,
            ["standalone", "--port", HandlerPort.ToString(CultureInfo.InvariantCulture)],
            WorkDirectory,
            environment,
            Path.Combine(WorkDirectory, $"handler-{start}.log"));
        await WaitUntilAsync(
            async () =>
            {
                if (HandlerProcess.HasExited)
                {
                    throw new InvalidOperationException($"The handler exited at start; see {Path.Combine(WorkDirectory, $"handler-{start}.log")}");
                }

                try
                {
                    using var response = await Handler.GetAsync("api/health", cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            "the handler to answer",
            cancellationToken);
    }

    /// <summary>The handler's storage transactions since it started, by kind (GET /api/diagnostics/storage).</summary>
    public async Task<StorageFigures> StorageFiguresAsync(CancellationToken cancellationToken)
    {
        var report = await Handler.GetFromJsonAsync<JsonObject>("api/diagnostics/storage", cancellationToken)
            ?? throw new InvalidOperationException("The diagnostics endpoint answered nothing.");
        var byKind = report["byKind"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>(), StringComparer.Ordinal);
        return new StorageFigures(report["total"]!.GetValue<long>(), byKind);
    }

    /// <summary>Adds <paramref name="count"/> orders, spread evenly over the lanes and, in each, over its two
    /// marketplaces; returns their ids with the time they appeared.</summary>
    public async Task<IReadOnlyList<PlacedOrder>> PlaceOrdersAsync(int count, CancellationToken cancellationToken)
    {
        var perLane = Lanes.Select((lane, i) => (Lane: lane, Count: (count / Lanes.Count) + (i < count % Lanes.Count ? 1 : 0))).ToList();
        var placed = await Task.WhenAll(perLane.Where(p => p.Count > 0).Select(p => p.Lane.PlaceOrdersAsync((p.Count + 1) / 2, p.Count / 2, cancellationToken)));
        return [.. placed.SelectMany(p => p)];
    }

    /// <summary>Places one order on the next marketplace in turn (Trendyol and bol.com of each lane, round robin).</summary>
    public async Task<PlacedOrder> PlaceOneOrderAsync(int sequence, CancellationToken cancellationToken)
    {
        var lane = Lanes[sequence / 2 % Lanes.Count];
        var trendyol = sequence % 2 == 0;
        return (await lane.PlaceOrdersAsync(trendyol ? 1 : 0, trendyol ? 0 : 1, cancellationToken)).Single();
    }

    /// <summary>How many of <paramref name="integrationId"/>'s orders are Closed in the hub's orders table.</summary>
    public async Task<int> CountClosedAsync(string integrationId, CancellationToken cancellationToken)
    {
        var closed = 0;
        string? token = null;
        do
        {
            var page = await Orders.ListAsync(integrationId, OrderStatus.Closed, 1000, token, cancellationToken);
            closed += page.Orders.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);
        return closed;
    }

    /// <summary>How many orders of all integrations are Closed in the hub's orders table.</summary>
    public async Task<int> CountClosedAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var integration in Integrations)
        {
            closed += await CountClosedAsync(integration, cancellationToken);
        }

        return closed;
    }

    public async ValueTask DisposeAsync()
    {
        HandlerProcess?.Dispose();
        foreach (var lane in Lanes)
        {
            await lane.DisposeAsync();
        }

        Handler.Dispose();
        await _workflow.DisposeAsync();
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static Uri HandlerBase(int port) => new($"http://127.0.0.1:{port}/");

    private async Task SeedIntegrationsAsync(CancellationToken cancellationToken)
    {
        await _workflow.GetRequiredService<WorkflowStorage>().EnsureCreatedAsync(cancellationToken);
        var store = _workflow.GetRequiredService<IntegrationStore>();
        var settings = new IntegrationSettings { PollInterval = _settings.PollInterval, NotifyNewOrders = _settings.NotifyNewOrders };
        foreach (var lane in Lanes)
        {
            await store.CreateAsync(Integration(lane, lane.TrendyolIntegration, $"Trendyol to WooCommerce (bench lane {lane.Number})", "trendyol", "woocommerce", settings), null, cancellationToken);
            await store.CreateAsync(Integration(lane, lane.BolIntegration, $"bol.com to Shopify (bench lane {lane.Number})", "bol", "shopify", settings), ShopifyStatusMap("bol"), cancellationToken);
        }
    }

    /// <summary>The default map speaks WooCommerce's statuses, which Shopify refuses on create ("processing" is not
    /// settable there): an operator of a Shopify integration maps onto open / fulfilled / cancelled / closed instead.</summary>
    private static StatusMap ShopifyStatusMap(string marketplace)
    {
        var map = DefaultStatusMaps.For(MarketplaceCatalog.Find(marketplace)!);
        static string Shopify(string status) => status switch
        {
            "completed" => "fulfilled",
            "cancelled" => "cancelled",
            "refunded" => "closed",
            _ => "open",
        };
        return new StatusMap(
            [.. map.Entries.Select(e => e with { ShopStatus = Shopify(e.ShopStatus) })],
            [new ReverseStatusMapEntry("fulfilled", ReverseAction.Ship, Active: true), new ReverseStatusMapEntry("cancelled", ReverseAction.Cancel, Active: true)]);
    }

    private static Integration Integration(SandboxLane lane, string id, string name, string marketplace, string shop, IntegrationSettings settings) => new()
    {
        Id = id,
        DisplayName = name,
        Marketplace = Account(lane, lane.Manifest.Accounts[marketplace]),
        Shop = Account(lane, lane.Manifest.Accounts[shop]),
        Settings = settings,
    };

    private static ConnectorAccount Account(SandboxLane lane, SandboxAccount account) => new()
    {
        Kind = account.Kind,
        BaseUrl = account.BaseUrl,
        AccountId = account.AccountId,
        SecretName = lane.SecretName(account.SecretName),
        ApiVersion = account.ApiVersion,
    };
}

/// <summary>An order the bench placed on a marketplace simulator, and when it appeared there.</summary>
internal sealed record PlacedOrder(string IntegrationId, string OrderId, DateTimeOffset AppearedAt)
{
    public string OrderKey => Workflow.Orders.OrderKey.Create(IntegrationId, OrderId).Value;
}

/// <summary>Storage transactions by kind, as the diagnostics endpoint reports them.</summary>
internal sealed record StorageFigures(long Total, IReadOnlyDictionary<string, long> ByKind)
{
    public StorageFigures Minus(StorageFigures earlier) => new(
        Total - earlier.Total,
        ByKind.ToDictionary(p => p.Key, p => p.Value - earlier.ByKind.GetValueOrDefault(p.Key), StringComparer.Ordinal));
}

/// <summary>Where the published handler, the published minimal app and the built sandbox are.</summary>
internal sealed record BenchPaths(string Root, string Handler, string MinimalApp, string SandboxDll)
{
    public static BenchPaths FromRepository()
    {
        var root = RepositoryRoot.Path;
        return new BenchPaths(
            root,
            Path.Combine(root, "artifacts", "package", "handler"),
            Path.Combine(root, "artifacts", "bench", "minimal-app", "minimal-app"),
            Path.Combine(root, "sandbox", "OrderFunctions.Sandbox", "bin", "Release", "net10.0", "OrderFunctions.Sandbox.dll"));
    }

    public void ThrowIfMissing()
    {
        foreach (var file in new[] { Handler, MinimalApp, SandboxDll })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{file} is missing: run the bench through scripts/bench.sh or scripts/chaos.sh, which publish it first.");
            }
        }
    }
}

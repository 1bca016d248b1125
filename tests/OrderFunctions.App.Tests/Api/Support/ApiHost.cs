using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Notifications.Digests;
using OrderFunctions.App.Startup;
using OrderFunctions.App.Tests.Support;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Tests.Api.Support;

/// <summary>
/// The app as <c>handler standalone</c> runs it, on its own Azurite, called over real HTTP through the standalone
/// front door (function keys, routing) — the in-memory platforms as its connectors, and connector secrets in local
/// settings. Both timers are off: orders arrive only through the API's syncs (or a test's own insert), so each test
/// decides what happens; queued steps still run. Every response body and every log line is kept for the secret test.
/// </summary>
public sealed class ApiHost : IAsyncLifetime
{
    public const string FunctionKey = "api-tests-function-key-7f3a";
    public const string MasterKey = "api-tests-master-key-91c2";
    public const string WooSecretName = "api-woo";
    public const string ShopifySecretName = "api-shopify";
    public const string TrendyolSecretName = "api-trendyol";
    public const string WooWebhookSecret = "api-tests-woo-webhook-secret-5d1e";
    public const string WooConsumerSecret = "cs_api_tests_consumer_secret_8b2f";
    public const string ShopifyClientSecret = "api-tests-shopify-client-secret-0c4d";
    public const string ShopifyAccessToken = "shpat_api_tests_access_token_6e7a";
    public const string TrendyolApiSecret = "api-tests-trendyol-api-secret-2b9c";
    public const string TrendyolWebhookKey = "api-tests-trendyol-webhook-key-4f8e";
    public const string TrendyolWebhookPassword = "api-tests-trendyol-webhook-password-a1d3";
    private const string Never = "0 0 0 1 1 *";

    private readonly ConcurrentQueue<string> _responses = new();
    private readonly ConcurrentQueue<string> _logLines = new();
    private AzuriteInstance? _azurite;
    private WebApplication? _app;
    private StandaloneRuntime? _runtime;
    private string? _hostJsonDirectory;

    /// <summary>Every secret value the app knows in these tests.</summary>
    public static IReadOnlyList<string> SecretValues { get; } =
    [
        FunctionKey, MasterKey, WooWebhookSecret, WooConsumerSecret, ShopifyClientSecret, ShopifyAccessToken, TrendyolApiSecret, TrendyolWebhookKey, TrendyolWebhookPassword,
    ];

    internal FakeConnectors Platforms { get; } = new();

    /// <summary>Sends the function key.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Sends no key (webhooks, key enforcement).</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public IReadOnlyList<string> Responses => [.. _responses];

    public IReadOnlyList<string> LogLines => [.. _logLines];

    internal IOrderStore Orders => _app!.Services.GetRequiredService<IOrderStore>();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(new AzuriteOptions());
        _hostJsonDirectory = Directory.CreateTempSubdirectory("orderfunctions-api-hostjson-").FullName;
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("host.json")))!;
        var queues = hostJson["extensions"]!["queues"]!;
        queues["visibilityTimeout"] = "00:00:01";
        queues["maxPollingInterval"] = "00:00:00.500";
        queues["maxDequeueCount"] = 3;
        var hostJsonPath = Path.Combine(_hostJsonDirectory, "host.json");
        await File.WriteAllTextAsync(hostJsonPath, hostJson.ToJsonString());

        _app = HandlerApp.Build(new HandlerAppSettings
        {
            Port = 0,
            Mode = HandlerMode.Standalone,
            Overrides = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["HeartbeatSchedule"] = Never,
                ["WorkflowPollSchedule"] = Never,
                ["WorkflowSweepSchedule"] = Never,
                ["Standalone:FunctionKey"] = FunctionKey,
                ["Standalone:MasterKey"] = MasterKey,
                ["Workflow:LeaseDuration"] = "00:00:02",
                ["Workflow:RetryDelay"] = "00:00:00.200",
                ["Workflow:MaxDequeueCount"] = "3",
                ["Logging:LogLevel:Default"] = "Information",
                [$"Secrets:Local:{WooSecretName}"] = $$"""{"consumerKey":"ck_api_tests","consumerSecret":"{{WooConsumerSecret}}","webhookSecret":"{{WooWebhookSecret}}"}""",
                [$"Secrets:Local:{ShopifySecretName}"] = $$"""{"accessToken":"{{ShopifyAccessToken}}","clientSecret":"{{ShopifyClientSecret}}"}""",
                [$"Secrets:Local:{TrendyolSecretName}"] = $$"""{"apiKey":"api-tests-trendyol-api-key","apiSecret":"{{TrendyolApiSecret}}","webhookApiKey":"{{TrendyolWebhookKey}}","webhookUsername":"trendyol","webhookPassword":"{{TrendyolWebhookPassword}}"}""",
            },
            ConfigureServices = services =>
            {
                services.AddSingleton<IConnectorFactory>(Platforms);
                services.AddSingleton<ILoggerProvider>(new LineCollectingLoggerProvider(_logLines));
            },
        });
        await HandlerApp.StartAsync(_app, CancellationToken.None);
        _runtime = await StandaloneRuntime.StartAsync(
            new StandaloneRuntimeOptions
            {
                HostJsonPath = hostJsonPath,
                Functions = [.. AppFunctions.Create().Definitions.Where(d => d.Trigger is not QueueTrigger { QueueName: WorkflowStorageNames.NotificationQueueName or NewOrdersDigestOutbox.QueueName })],
                HandlerUri = HandlerApp.ListeningUri(_app),
                Configuration = _app.Configuration,
                HttpPort = 0,
                FunctionKey = FunctionKey,
                MasterKey = MasterKey,
                ScheduleMonitorConnection = null,
                DrainTimeout = TimeSpan.FromSeconds(5),
            },
            _app.Services.GetRequiredService<ILoggerFactory>(),
            CancellationToken.None);

        Client = new HttpClient(new RecordingHandler(_responses)) { BaseAddress = _runtime.HttpBaseUri };
        Client.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
        Anonymous = new HttpClient(new RecordingHandler(_responses)) { BaseAddress = _runtime.HttpBaseUri };
    }

    /// <summary>Fails when any response or log line so far holds a secret value (shown masked).</summary>
    public void AssertNoSecretLeaked()
    {
        foreach (var secret in SecretValues)
        {
            var leaks = Responses.Concat(LogLines).Where(text => text.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"A secret appeared {leaks.Count} time(s), e.g.: {leaks.FirstOrDefault()?.Replace(secret, "<SECRET>", StringComparison.Ordinal)}");
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        Anonymous?.Dispose();
        if (_runtime is not null)
        {
            await _runtime.StopAsync(CancellationToken.None);
            await _runtime.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        if (_hostJsonDirectory is not null)
        {
            Directory.Delete(_hostJsonDirectory, recursive: true);
        }

        // The whole suite's responses and log lines, once every test has run and the app has stopped.
        AssertNoSecretLeaked();
    }

    /// <summary>Creates an integration through the API (Trendyol to WooCommerce unless told otherwise) that polls once a
    /// day, so nothing but the test's own calls moves its orders.</summary>
    public async Task<JsonObject> CreateIntegrationAsync(string id, string shop = "woocommerce", string marketplace = "trendyol", JsonObject? settings = null)
    {
        var body = IntegrationJson(id, shop, marketplace, settings);
        using var response = await Client.PostAsync("/api/integrations", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Creating {id}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static JsonObject IntegrationJson(string id, string shop = "woocommerce", string marketplace = "trendyol", JsonObject? settings = null)
    {
        settings ??= [];
        settings["pollInterval"] ??= "1.00:00:00";
        return new JsonObject
        {
            ["id"] = id,
            ["displayName"] = $"{marketplace} to {shop}",
            ["marketplace"] = new JsonObject
            {
                ["kind"] = marketplace,
                ["baseUrl"] = "http://127.0.0.1:9/marketplace",
                ["accountId"] = "42",
                ["secretName"] = TrendyolSecretName,
            },
            ["shop"] = new JsonObject
            {
                ["kind"] = shop,
                ["baseUrl"] = "http://127.0.0.1:9/shop",
                ["secretName"] = shop == "shopify" ? ShopifySecretName : WooSecretName,
            },
            ["settings"] = settings,
        };
    }

    public static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    /// <summary>Waits (bounded) until the order satisfies <paramref name="condition"/>.</summary>
    internal async Task<OrderState> WaitForOrderAsync(string integrationId, string orderId, Func<OrderState, bool> condition)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var stored = await Orders.GetAsync(OrderKey.Create(integrationId, orderId), CancellationToken.None);
            if (stored is not null && condition(stored.State))
            {
                return stored.State;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"Order {integrationId}:{orderId} is {stored?.State.Describe() ?? "missing"}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Keeps every response body (and its headers) the tests receive.</summary>
    private sealed class RecordingHandler(ConcurrentQueue<string> responses) : DelegatingHandler(new HttpClientHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
            responses.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath} -> {(int)response.StatusCode}\n{headers}\n{await response.Content.ReadAsStringAsync(cancellationToken)}");
            return response;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHost>
{
    public const string Name = "API over the standalone runtime";
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using OrderFunctions.Sandbox.Bol;
using OrderFunctions.Sandbox.Shopify;
using OrderFunctions.Sandbox.Trendyol;
using OrderFunctions.Sandbox.WooCommerce;

namespace OrderFunctions.Sandbox.Hosting;

/// <summary>
/// The four simulators in one process, with the sandbox merchant's catalogue loaded, fixed fake credentials, optional
/// shop webhooks, and the control API (<see cref="SandboxControlApi"/>) that the demo and the benchmarks drive from
/// another process. Used by <c>Program</c> and, in-process, by tests.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    public const string TrendyolSecretName = "sandbox-trendyol";
    public const string BolSecretName = "sandbox-bol";
    public const string WooCommerceSecretName = "sandbox-woocommerce";
    public const string ShopifySecretName = "sandbox-shopify";

    /// <summary>Signs WooCommerce webhooks; fake, like every sandbox credential.</summary>
    public const string WooCommerceWebhookSecret = "sandbox-woocommerce-webhook-secret";

    /// <summary>The Admin API version the sandbox account pins.</summary>
    public const string ShopifyApiVersion = "2025-10";

    private readonly List<IAsyncDisposable> _started;
    private WebApplication? _control;

    private SandboxHost(TrendyolSimulator trendyol, BolSimulator bol, WooCommerceSimulator wooCommerce, ShopifySimulator shopify, SandboxSettings settings)
    {
        Trendyol = trendyol;
        Bol = bol;
        WooCommerce = wooCommerce;
        Shopify = shopify;
        Settings = settings;
        _started = [trendyol, bol, wooCommerce, shopify];
        var startedAt = DateTimeOffset.UtcNow;
        Orders = new SandboxOrders(this, new SandboxOrderGenerator(settings.Seed is { } seed ? new Random(seed) : new Random(), startedAt));
    }

    public TrendyolSimulator Trendyol { get; }

    public BolSimulator Bol { get; }

    public WooCommerceSimulator WooCommerce { get; }

    public ShopifySimulator Shopify { get; }

    public SandboxSettings Settings { get; }

    /// <summary>What the control API does, callable in-process too.</summary>
    public SandboxOrders Orders { get; }

    public SandboxManifest Manifest { get; private set; } = null!;

    /// <summary>Starts everything; on failure stops what had started and rethrows (a port in use, say).</summary>
    public static async Task<SandboxHost> StartAsync(SandboxSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var started = new List<IAsyncDisposable>();
        SandboxHost? host = null;
        try
        {
            var trendyol = await TrendyolSimulator.StartAsync(new TrendyolSimulatorOptions { Port = settings.TrendyolPort }, cancellationToken);
            started.Add(trendyol);
            var bol = await BolSimulator.StartAsync(new BolSimulatorOptions { Port = settings.BolPort }, cancellationToken);
            started.Add(bol);
            var wooCommerce = await WooCommerceSimulator.StartAsync(new WooCommerceSimulatorOptions { Port = settings.WooCommercePort }, cancellationToken);
            started.Add(wooCommerce);
            var shopify = await ShopifySimulator.StartAsync(new ShopifySimulatorOptions { Port = settings.ShopifyPort }, cancellationToken);
            started.Add(shopify);

            host = new SandboxHost(trendyol, bol, wooCommerce, shopify, settings);
            host.LoadCatalogue();
            host.SubscribeWebhooks();
            await host.StartControlAsync(cancellationToken);
            return host;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
            else
            {
                foreach (var simulator in started)
                {
                    await simulator.DisposeAsync();
                }
            }

            throw;
        }
    }

    /// <summary>Writes the ports file and the secrets file, when the settings name them.</summary>
    public async Task WriteFilesAsync(CancellationToken cancellationToken)
    {
        if (Settings.SecretsFile is { } secretsFile)
        {
            await SandboxManifest.WriteFileAsync(secretsFile, Manifest.SecretsJson(), cancellationToken);
        }

        // Last: scripts wait for the ports file, and by then the secrets file is there too.
        if (Settings.PortsFile is { } portsFile)
        {
            await SandboxManifest.WriteFileAsync(portsFile, Manifest.ToJson(), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_control is not null)
        {
            await _control.StopAsync();
            await _control.DisposeAsync();
        }

        foreach (var simulator in _started)
        {
            await simulator.DisposeAsync();
        }

        // The files describe servers that are gone now.
        foreach (var file in new[] { Settings.PortsFile, Settings.SecretsFile }.OfType<string>())
        {
            File.Delete(file);
        }
    }

    private void LoadCatalogue()
    {
        foreach (var product in SandboxCatalog.Products)
        {
            WooCommerce.AddProduct(product.Sku, product.Title, product.PriceEur, SandboxCatalog.InitialStock);
            Shopify.AddVariant(product.Sku, product.Title, product.PriceEur, SandboxCatalog.InitialStock);
            Bol.State.AddOffer(new BolOfferSeed(product.Ean, product.Sku, SandboxCatalog.InitialStock));
        }
    }

    private void SubscribeWebhooks()
    {
        if (Settings.WooCommerceWebhookUrl is { } wooCommerceUrl)
        {
            WooCommerce.AddWebhook("order.updated", wooCommerceUrl, WooCommerceWebhookSecret);
        }

        if (Settings.ShopifyWebhookUrl is { } shopifyUrl)
        {
            Shopify.AddWebhook("orders/updated", shopifyUrl);
        }
    }

    private async Task StartControlAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, Settings.ControlPort);
        });
        // Only failures of the control API reach the console (a 500 would otherwise say nothing).
        builder.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Error);
        builder.Services.AddProblemDetails();
        var control = builder.Build();
        control.UseStatusCodePages();
        SandboxControlApi.Map(control, this);
        try
        {
            await control.StartAsync(cancellationToken);
        }
        catch
        {
            await control.DisposeAsync();
            throw;
        }

        _control = control;
        var port = new Uri(control.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()).Port;
        Manifest = new SandboxManifest(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")), new Dictionary<string, SandboxAccount>
        {
            ["trendyol"] = new("trendyol", Trendyol.BaseUri, Trendyol.Options.SellerId.ToString(CultureInfo.InvariantCulture), TrendyolSecretName, ApiVersion: null, new JsonObject
            {
                ["apiKey"] = Trendyol.Options.ApiKey,
                ["apiSecret"] = Trendyol.Options.ApiSecret,
                ["integratorName"] = "OrderFunctions",
            }),
            ["bol"] = new("bol", Bol.BaseUri, AccountId: null, BolSecretName, ApiVersion: null, new JsonObject
            {
                ["clientId"] = Bol.Options.ClientId,
                ["clientSecret"] = Bol.Options.ClientSecret,
                ["tokenUrl"] = Bol.TokenUri.AbsoluteUri,
            }),
            ["woocommerce"] = new("woocommerce", WooCommerce.BaseUri, AccountId: null, WooCommerceSecretName, ApiVersion: null, new JsonObject
            {
                ["consumerKey"] = WooCommerce.Options.ConsumerKey,
                ["consumerSecret"] = WooCommerce.Options.ConsumerSecret,
                ["webhookSecret"] = WooCommerceWebhookSecret,
            }),
            ["shopify"] = new("shopify", Shopify.BaseUri, AccountId: Shopify.Options.ShopDomain, ShopifySecretName, ShopifyApiVersion, new JsonObject
            {
                ["accessToken"] = Shopify.Options.AccessToken,
                ["clientSecret"] = Shopify.Options.ClientSecret,
            }),
        });
    }
}

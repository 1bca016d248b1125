using OrderFunctions.Connectors.Http;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Sandbox.WooCommerce;
using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.Connectors.Tests.WooCommerce;

/// <summary>A fresh WooCommerce simulator with a small catalogue and the real connector pointed at it, per test.</summary>
public abstract class WooCommerceShopFixture : IAsyncLifetime
{
    protected WooCommerceSimulator Simulator { get; private set; } = null!;

    protected WooCommerceShop Shop { get; private set; } = null!;

    /// <summary>Short retry delays keep fault tests fast; the behaviour is the production pipeline's.</summary>
    internal static ConnectorClientOptions FastOptions() => new()
    {
        Retry = { MaxRetries = 3, Delay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50), NetworkTimeout = TimeSpan.FromSeconds(5) },
    };

    protected virtual WooCommerceSimulatorOptions SimulatorOptions => new() { CustomStatuses = ["shipped", "awaiting-pickup"] };

    public async Task InitializeAsync()
    {
        Simulator = await WooCommerceSimulator.StartAsync(SimulatorOptions);
        Simulator.AddProduct("SKU-1", "Blue mug", 12.99m, stock: 10);
        Simulator.AddProduct("SKU-2", "Red mug", 12.99m, stock: 5);
        Simulator.AddProduct("SHIRT", "Shirt", 20m, stock: null);
        Simulator.AddProduct("SHIRT-M", "Shirt - M", 20m, stock: 3, parentSku: "SHIRT");
        Shop = CreateShop(CredentialsJson());
    }

    public async Task DisposeAsync() => await Simulator.DisposeAsync();

    protected string CredentialsJson(string auth = "basic", string? secret = null) =>
        $$"""{"consumerKey":"{{Simulator.Options.ConsumerKey}}","consumerSecret":"{{secret ?? Simulator.Options.ConsumerSecret}}","webhookSecret":"whsec","auth":"{{auth}}"}""";

    protected WooCommerceShop CreateShop(string credentialsJson) =>
        WooCommerceShop.Create(Account(), credentialsJson, FastOptions());

    protected ConnectorAccount Account() => new() { Kind = "woocommerce", BaseUrl = Simulator.BaseUri, SecretName = "demo-woocommerce" };
}

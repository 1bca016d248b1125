using OrderFunctions.Connectors.Http;
using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Sandbox.Shopify;
using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.Connectors.Tests.Shopify;

/// <summary>A fresh Shopify simulator with a small catalogue and the real connector pointed at it, per test.</summary>
public abstract class ShopifyShopFixture : IAsyncLifetime
{
    public const string ApiVersion = "2025-10";

    protected ShopifySimulator Simulator { get; private set; } = null!;

    protected ShopifyShop Shop { get; private set; } = null!;

    protected virtual ShopifySimulatorOptions SimulatorOptions => new();

    /// <summary>The connector's clock (throttle and job waits); tests that share a manual clock with the simulator
    /// override it.</summary>
    protected virtual TimeProvider ConnectorTime => TimeProvider.System;

    internal static ConnectorClientOptions FastOptions() => new()
    {
        Retry = { MaxRetries = 3, Delay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50), NetworkTimeout = TimeSpan.FromSeconds(5) },
    };

    public async Task InitializeAsync()
    {
        Simulator = await ShopifySimulator.StartAsync(SimulatorOptions);
        Simulator.AddVariant("SKU-1", "Blue mug", 12.99m, available: 10);
        Simulator.AddVariant("SKU-2", "Red mug", 12.99m, available: 5);
        Simulator.AddVariant("GIFT-CARD", "Gift card", 25m, available: null);
        Shop = CreateShop();
    }

    public async Task DisposeAsync() => await Simulator.DisposeAsync();

    protected string CredentialsJson(string? token = null) =>
        $$"""{"accessToken":"{{token ?? Simulator.Options.AccessToken}}","clientSecret":"{{Simulator.Options.ClientSecret}}"}""";

    protected ShopifyShop CreateShop(string? apiVersion = ApiVersion, string? token = null) =>
        ShopifyShop.Create(Account(apiVersion), CredentialsJson(token), FastOptions(), ConnectorTime);

    protected ConnectorAccount Account(string? apiVersion = ApiVersion) =>
        new() { Kind = "shopify", BaseUrl = Simulator.BaseUri, SecretName = "demo-shopify", ApiVersion = apiVersion };
}

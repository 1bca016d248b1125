using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.Connectors.Bol;
using OrderFunctions.Connectors.Factory;
using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Connectors.Tests.Http;
using OrderFunctions.Connectors.Tests.Sandbox;
using OrderFunctions.Connectors.Trendyol;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Factory;

public sealed class ConnectorFactoryTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;
    private readonly InMemorySecretStore _secrets;
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public ConnectorFactoryTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _secrets = SandboxSecrets(sandbox);
        _loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
    }

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public async Task TrendyolIntegrationGetsATrendyolConnectorThatListsTheSandboxOrders()
    {
        var added = _sandbox.Host.Orders.AddTrendyolOrders(2);

        var marketplace = await Factory().GetMarketplaceAsync(_sandbox.Integration("trendyol-listing"), CancellationToken.None);
        var listed = await MarketplaceListing.ListAllAsync(marketplace, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow);

        Assert.IsType<TrendyolMarketplace>(marketplace);
        Assert.All(added, order => Assert.Contains(listed, o => o.OrderId == order.OrderNumber));
    }

    [Fact]
    public async Task BolIntegrationGetsABolConnectorThatReadsTheSandboxOrders()
    {
        var added = Assert.Single(_sandbox.Host.Orders.AddBolOrders(1));

        var marketplace = await Factory().GetMarketplaceAsync(_sandbox.Integration("bol-reading", marketplace: "bol"), CancellationToken.None);
        var order = await marketplace.GetOrderAsync(added.OrderId, CancellationToken.None);

        Assert.IsType<BolMarketplace>(marketplace);
        Assert.NotNull(order);
        Assert.Equal("OPEN", order.Status);
    }

    [Theory]
    [InlineData("woocommerce", typeof(WooCommerceShop))]
    [InlineData("shopify", typeof(ShopifyShop))]
    public async Task ShopIntegrationGetsItsShopConnectorThatReadsTheSandboxCatalogue(string kind, Type connectorType)
    {
        var shop = await Factory().GetShopAsync(_sandbox.Integration($"{kind}-stock", shop: kind), CancellationToken.None);
        var stock = await shop.GetStockAsync([.. SandboxCatalog.Products.Select(p => p.Sku)], CancellationToken.None);

        Assert.IsType(connectorType, shop);
        Assert.Equal(SandboxCatalog.Products.Count, stock.Count);
    }

    [Fact]
    public async Task SameIntegrationGetsTheSameConnectorsWhileNothingChanges()
    {
        var factory = Factory();
        var integration = _sandbox.Integration("cached");

        var marketplace = await factory.GetMarketplaceAsync(integration, CancellationToken.None);
        var shop = await factory.GetShopAsync(integration, CancellationToken.None);

        Assert.Same(marketplace, await factory.GetMarketplaceAsync(integration with { DisplayName = "renamed" }, CancellationToken.None));
        Assert.Same(shop, await factory.GetShopAsync(integration, CancellationToken.None));
        Assert.NotSame(marketplace, await factory.GetMarketplaceAsync(_sandbox.Integration("another-integration"), CancellationToken.None));
    }

    [Fact]
    public async Task RotatedSecretRebuildsTheConnectorWhichThenUsesTheNewCredentials()
    {
        var factory = Factory();
        var integration = _sandbox.Integration("rotated", shop: "shopify");
        var before = await factory.GetShopAsync(integration, CancellationToken.None);

        _secrets[SandboxHost.ShopifySecretName] = """{"accessToken":"shpat_revoked_token"}""";
        var after = await factory.GetShopAsync(integration, CancellationToken.None);

        Assert.NotSame(before, after);
        var refused = await Assert.ThrowsAsync<ConnectorException>(() => after.GetStockAsync(["OF-MUG-350"], CancellationToken.None));
        Assert.Equal(401, refused.HttpStatus);
        Assert.Contains(_logs.Lines, line => line.Contains("rotated", StringComparison.Ordinal) && line.Contains("credentials changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangedAccountRebuildsTheConnector()
    {
        var factory = Factory();
        var integration = _sandbox.Integration("moved");
        var before = await factory.GetMarketplaceAsync(integration, CancellationToken.None);

        var moved = integration with { Marketplace = integration.Marketplace with { AccountId = "2002" } };
        var after = await factory.GetMarketplaceAsync(moved, CancellationToken.None);

        Assert.NotSame(before, after);
        Assert.Same(after, await factory.GetMarketplaceAsync(moved, CancellationToken.None));
    }

    [Theory]
    [InlineData("amazon", "woocommerce", "marketplace", "amazon")]
    [InlineData("trendyol", "trendyol", "shop", "trendyol")]
    public async Task UnknownKindFailsNamingTheIntegrationAndTheKind(string marketplaceKind, string shopKind, string side, string badKind)
    {
        var integration = _sandbox.Integration("misconfigured");
        integration = integration with { Marketplace = integration.Marketplace with { Kind = marketplaceKind }, Shop = integration.Shop with { Kind = shopKind } };

        var e = await Assert.ThrowsAsync<ConnectorException>(() => side == "marketplace"
            ? Factory().GetMarketplaceAsync(integration, CancellationToken.None)
            : Factory().GetShopAsync(integration, CancellationToken.None));

        Assert.False(e.IsTransient);
        Assert.Contains("integration 'misconfigured'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{side} account has kind '{badKind}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSecretFailsForGoodNamingTheIntegrationAndTheSecret()
    {
        var integration = _sandbox.Integration("no-secret");
        integration = integration with { Shop = integration.Shop with { SecretName = "nobody-wrote-this" } };

        var e = await Assert.ThrowsAsync<ConnectorException>(() => Factory().GetShopAsync(integration, CancellationToken.None));

        Assert.False(e.IsTransient);
        Assert.Contains("integration 'no-secret'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'nobody-wrote-this'", e.Message, StringComparison.Ordinal);
        Assert.IsType<SecretStoreException>(e.InnerException);
    }

    [Fact]
    public async Task UnreachableSecretStoreFailsTransiently()
    {
        _secrets.Unreachable = true;

        var e = await Assert.ThrowsAsync<ConnectorException>(() => Factory().GetMarketplaceAsync(_sandbox.Integration("vault-down"), CancellationToken.None));

        Assert.True(e.IsTransient);
        Assert.Contains("integration 'vault-down'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenCredentialsFailNamingTheFieldButNeverShowingAValue()
    {
        const string SecretValue = "super-secret-api-key-7f3a";
        _secrets[SandboxHost.TrendyolSecretName] = $$"""{"apiKey":"{{SecretValue}}"}""";

        var e = await Assert.ThrowsAsync<ConnectorException>(() => Factory().GetMarketplaceAsync(_sandbox.Integration("half-secret"), CancellationToken.None));

        Assert.False(e.IsTransient);
        Assert.Equal("apiSecret", e.Field);
        Assert.Contains("integration 'half-secret'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretValue, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(SecretValue, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BuildingAndUsingConnectorsNeverLogsACredential()
    {
        var factory = Factory();
        foreach (var (marketplace, shop) in new[] { ("trendyol", "woocommerce"), ("bol", "shopify") })
        {
            var integration = _sandbox.Integration($"logged-{marketplace}", marketplace, shop);
            await (await factory.GetMarketplaceAsync(integration, CancellationToken.None))
                .ListChangedOrdersAsync(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow, null, CancellationToken.None);
            await (await factory.GetShopAsync(integration, CancellationToken.None)).GetStockAsync(["OF-MUG-350"], CancellationToken.None);
        }

        var credentials = _sandbox.Manifest.Accounts.Values
            .SelectMany(a => a.Credentials.Where(c => c.Key is not ("tokenUrl" or "integratorName")).Select(c => c.Value!.ToString()))
            .ToList();
        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, line => credentials.Any(value => line.Contains(value, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AddConnectorsRegistersTheFactoryOverTheRegisteredSecretStore()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<ISecretStore>(_secrets)
            .AddConnectors(options => options.Retry.MaxRetries = 0);
        await using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<IConnectorFactory>();
        var shop = await factory.GetShopAsync(_sandbox.Integration("from-di"), CancellationToken.None);

        Assert.IsType<ConnectorFactory>(factory);
        Assert.NotEmpty(await shop.GetStockAsync(["OF-MUG-350"], CancellationToken.None));
    }

    private ConnectorFactory Factory() => new(_secrets, () => TestClientOptions.Fast(), TimeProvider.System, _loggerFactory);

    private static InMemorySecretStore SandboxSecrets(SandboxFixture sandbox)
    {
        var store = new InMemorySecretStore();
        foreach (var account in sandbox.Manifest.Accounts.Values)
        {
            store[account.SecretName] = account.Credentials.ToJsonString();
        }

        return store;
    }
}

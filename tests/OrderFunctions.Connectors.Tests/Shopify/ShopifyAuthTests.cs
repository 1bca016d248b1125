using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Shopify;

public sealed class ShopifyAuthTests : ShopifyShopFixture
{
    [Fact]
    public async Task RevokedTokenFailsWith401AndIsNotTransient()
    {
        Simulator.RevokeToken();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetStockAsync(["SKU-1"], default));

        Assert.False(error.IsTransient);
        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("Invalid API key or access token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Simulator.Options.AccessToken, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongTokenFailsWithoutShowingIt()
    {
        var shop = CreateShop(token: "shpat_wrong_token_value");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => shop.GetStockAsync(["SKU-1"], default));

        Assert.Equal(401, error.HttpStatus);
        Assert.DoesNotContain("shpat_wrong_token_value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetiredVersionFallsForwardAndStillWorks()
    {
        var shop = CreateShop(apiVersion: "2024-10");

        Assert.Equal([new StockLevel("SKU-1", 10)], await shop.GetStockAsync(["SKU-1"], default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-13")]
    [InlineData("2025-05")]
    [InlineData("latest")]
    public void MissingOrMalformedApiVersionIsAConfigurationError(string? version)
    {
        var error = Assert.Throws<ConnectorException>(() => CreateShop(apiVersion: version));

        Assert.Equal("ApiVersion", error.Field);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void PlainHttpToARemoteShopIsRefused()
    {
        var account = new ConnectorAccount { Kind = "shopify", BaseUrl = new Uri("http://shop.myshopify.com/"), SecretName = "x", ApiVersion = ApiVersion };

        var error = Assert.Throws<ConnectorException>(() => ShopifyShop.Create(account, CredentialsJson(), FastOptions(), TimeProvider.System));

        Assert.Equal("BaseUrl", error.Field);
    }

    [Theory]
    [InlineData("{", null)]
    [InlineData("""{"clientSecret":"s"}""", "accessToken")]
    [InlineData("""{"accessToken":null}""", "accessToken")]
    public void MalformedCredentialsNameTheSecretAndField(string json, string? field)
    {
        var error = Assert.Throws<ConnectorException>(() => ShopifyCredentials.Parse("demo-shopify", json));

        Assert.Equal(field, error.Field);
        Assert.Contains("'demo-shopify'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWorksWithTheQuotedKeyOfAnUnusualMarketplaceId()
    {
        var draft = ShopOrderDrafts.For("A0\"0 DK:TE6M", status: "open");

        var created = await Shop.CreateOrderAsync(draft, default);

        Assert.Equal(created.ShopOrderId, (await Shop.FindByOrderKeyAsync(draft.OrderKey, default))?.ShopOrderId);
    }
}

using System.Net;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Sandbox.WooCommerce;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.WooCommerce;

public sealed class WooCommerceAuthTests : WooCommerceShopFixture
{
    [Fact]
    public async Task RevokedKeyFailsWith401AndIsNotTransient()
    {
        Simulator.RevokeCredentials();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetStockAsync(["SKU-1"], default));

        Assert.False(error.IsTransient);
        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("woocommerce", error.Message, StringComparison.Ordinal);
        Assert.Contains("Consumer key is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecretFailsWithoutShowingTheSecret()
    {
        var shop = CreateShop(CredentialsJson(secret: "cs_wrong_secret_value"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => shop.GetStockAsync(["SKU-1"], default));

        Assert.Equal(401, error.HttpStatus);
        Assert.DoesNotContain("cs_wrong_secret_value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryStringCredentialsNeverAppearInErrors()
    {
        var shop = CreateShop(CredentialsJson(auth: "query"));
        Simulator.Faults.FailNext(10, HttpStatusCode.InternalServerError);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => shop.GetStockAsync(["SKU-1"], default));

        Assert.DoesNotContain(Simulator.Options.ConsumerSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("consumer_secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainHttpToARemoteShopIsRefused()
    {
        var account = new ConnectorAccount { Kind = "woocommerce", BaseUrl = new Uri("http://shop.example/"), SecretName = "x" };

        var error = Assert.Throws<ConnectorException>(() => WooCommerceShop.Create(account, CredentialsJson(), FastOptions()));

        Assert.Contains("HTTPS", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", null)]
    [InlineData("""{"consumerSecret":"cs_x"}""", "consumerKey")]
    [InlineData("""{"consumerKey":"ck_x","consumerSecret":""}""", "consumerSecret")]
    [InlineData("""{"consumerKey":"ck_x","consumerSecret":"cs_x","auth":"oauth"}""", "auth")]
    public void MalformedCredentialsNameTheSecretAndFieldNotTheValue(string json, string? field)
    {
        var error = Assert.Throws<ConnectorException>(() => WooCommerceCredentials.Parse("demo-woocommerce", json));

        Assert.Equal(field, error.Field);
        Assert.Contains("'demo-woocommerce'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("cs_x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiRootAsBaseUrlWorksToo()
    {
        var account = Account() with { BaseUrl = new Uri(Simulator.BaseUri, "wp-json/wc/v3") };
        var shop = WooCommerceShop.Create(account, CredentialsJson(), FastOptions());

        Assert.Equal([new StockLevel("SKU-1", 10)], await shop.GetStockAsync(["SKU-1"], default));
    }
}

public sealed class WooCommerceQueryStringAuthTests : WooCommerceShopFixture
{
    protected override WooCommerceSimulatorOptions SimulatorOptions => new() { DropAuthorizationHeader = true };

    [Fact]
    public async Task BasicAuthFailsWhenTheServerDropsTheAuthorizationHeader()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetStockAsync(["SKU-1"], default));

        Assert.Equal(401, error.HttpStatus);
    }

    [Fact]
    public async Task QueryStringCredentialsWorkWhenTheServerDropsTheAuthorizationHeader()
    {
        var shop = CreateShop(CredentialsJson(auth: "query"));

        var created = await shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);

        Assert.Equal([new StockLevel("SKU-1", 8)], await shop.GetStockAsync(["SKU-1"], default));
        Assert.NotNull(await shop.GetOrderAsync(created.ShopOrderId, default));
    }
}

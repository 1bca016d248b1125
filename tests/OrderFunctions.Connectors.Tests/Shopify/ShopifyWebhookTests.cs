using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Sandbox.Shopify;

namespace OrderFunctions.Connectors.Tests.Shopify;

public sealed class ShopifyWebhookTests : ShopifyShopFixture
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":5000001,"admin_graphql_api_id":"gid://shopify/Order/5000001"}""");

    [Fact]
    public void SignatureOfTheRawBodyIsAuthentic()
    {
        Assert.True(ShopifyWebhook.IsAuthentic(["secret"], Body, Sign("secret", Body)));
    }

    [Fact]
    public void SignatureWithThePreviousSecretIsAuthenticDuringRotation()
    {
        var credentials = new ShopifyCredentials("token", ClientSecret: "new", PreviousClientSecret: "old");

        Assert.True(ShopifyWebhook.IsAuthentic(credentials.WebhookSecrets, Body, Sign("old", Body)));
    }

    [Fact]
    public void TamperedBodyIsNotAuthentic()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"id":5000002,"admin_graphql_api_id":"gid://shopify/Order/5000002"}""");

        Assert.False(ShopifyWebhook.IsAuthentic(["secret"], tampered, Sign("secret", Body)));
    }

    [Fact]
    public void WrongSecretIsNotAuthentic()
    {
        Assert.False(ShopifyWebhook.IsAuthentic(["other"], Body, Sign("secret", Body)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("%%%")]
    public void MissingOrMalformedSignatureIsNotAuthentic(string? header)
    {
        Assert.False(ShopifyWebhook.IsAuthentic(["secret"], Body, header));
    }

    [Fact]
    public void NoSecretsMeansNothingIsAuthentic()
    {
        Assert.False(ShopifyWebhook.IsAuthentic([], Body, Sign("secret", Body)));
    }

    [Fact]
    public async Task SimulatorDeliveryIsSignedWithTheClientSecretAndNamesTheOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        Simulator.AddWebhook("orders/fulfilled", receiver.Url);
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);

        Simulator.Fulfill(created.ShopOrderId, new ShopifyTracking("PostNL", "3SABCD1234567"));
        var delivery = await receiver.NextAsync();

        var credentials = ShopifyCredentials.Parse("demo-shopify", CredentialsJson());
        Assert.True(ShopifyWebhook.IsAuthentic(credentials.WebhookSecrets, delivery.Body, delivery.Headers[ShopifyWebhook.SignatureHeader]));
        Assert.Equal("orders/fulfilled", delivery.Headers[ShopifyWebhook.TopicHeader]);
        Assert.False(string.IsNullOrEmpty(delivery.Headers[ShopifyWebhook.WebhookIdHeader]));
        using var json = JsonDocument.Parse(delivery.Body);
        Assert.Equal(created.ShopOrderId, json.RootElement.GetProperty("admin_graphql_api_id").GetString());
        Assert.Equal(created.OrderKey, json.RootElement.GetProperty("source_identifier").GetString());
    }

    private static string Sign(string secret, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Connectors.WooCommerce;

namespace OrderFunctions.Connectors.Tests.WooCommerce;

public sealed class WooCommerceWebhookTests : WooCommerceShopFixture
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":1001,"status":"completed"}""");

    [Fact]
    public void SignatureOfTheRawBodyIsAuthentic()
    {
        Assert.True(WooCommerceWebhook.IsAuthentic("s3cret", Body, Sign("s3cret", Body)));
    }

    [Fact]
    public void TamperedBodyIsNotAuthentic()
    {
        var tampered = Encoding.UTF8.GetBytes("""{"id":1001,"status":"cancelled"}""");

        Assert.False(WooCommerceWebhook.IsAuthentic("s3cret", tampered, Sign("s3cret", Body)));
    }

    [Fact]
    public void WrongSecretIsNotAuthentic()
    {
        Assert.False(WooCommerceWebhook.IsAuthentic("other", Body, Sign("s3cret", Body)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void MissingOrMalformedSignatureIsNotAuthentic(string? header)
    {
        Assert.False(WooCommerceWebhook.IsAuthentic("s3cret", Body, header));
    }

    [Fact]
    public async Task SimulatorDeliveryIsSignedAndCarriesTheOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);
        Simulator.AddWebhook("order.updated", receiver.Url, "whsec");

        Simulator.Complete(int.Parse(created.ShopOrderId, System.Globalization.CultureInfo.InvariantCulture));
        var delivery = await receiver.NextAsync();

        Assert.True(WooCommerceWebhook.IsAuthentic("whsec", delivery.Body, delivery.Headers[WooCommerceWebhook.SignatureHeader]));
        Assert.Equal("order.updated", delivery.Headers[WooCommerceWebhook.TopicHeader]);
        Assert.False(string.IsNullOrEmpty(delivery.Headers[WooCommerceWebhook.DeliveryIdHeader]));
        using var json = JsonDocument.Parse(delivery.Body);
        var order = WooCommerceOrderReader.Read(json.RootElement);
        Assert.Equal("completed", order.Status);
        Assert.Equal(created.OrderKey, order.OrderKey);
    }

    [Fact]
    public async Task WebhookIsDisabledAfterFiveFailedDeliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerStatus = 500;
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);
        var webhook = Simulator.AddWebhook("order.updated", receiver.Url, "whsec");
        var id = int.Parse(created.ShopOrderId, System.Globalization.CultureInfo.InvariantCulture);

        foreach (var status in new[] { "on-hold", "processing", "on-hold", "processing", "on-hold" })
        {
            Simulator.SetStatus(id, status);
            await receiver.NextAsync();
        }

        await WaitUntil(() => Simulator.WebhookStatus(webhook) == "disabled");
        Assert.Equal(5, Simulator.WebhookDeliveries.Count(d => d.ResponseStatus == 500));
    }

    private static string Sign(string secret, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OrderFunctions.App.Tests.Api.Support;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Tests.Api.Webhooks;

/// <summary>Shop and marketplace webhooks through the front door without a function key: signatures and credentials
/// enforced, deliveries deduplicated, and a delivery moving the order as a poll would (the integrations poll once a
/// day and the timers are off, so only the webhook can have moved it).</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookApiTests(ApiHost host)
{
    private HttpClient Anonymous => host.Anonymous;

    [Fact]
    public async Task ASignedWooCommerceDeliveryMovesTheOrderAndItsReplayIsADuplicate()
    {
        await TransferredOrderAsync("hook-woo", "woocommerce");
        host.Platforms.Shop("hook-woo").Complete("hook-woo:1001", trackingNumber: "3SABCD1234567");
        var body = Deliveries.WooCommerceOrder("hook-woo:1001", "completed");

        using var delivered = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo", body, Deliveries.Sign(ApiHost.WooWebhookSecret, body), deliveryId: "101"));
        var outcome = await ApiAnswers.ReadObjectAsync(delivered, HttpStatusCode.Accepted);
        Assert.Equal("queued", (string?)outcome["status"]);
        Assert.Equal("hook-woo:1001", (string?)outcome["order"]);
        await host.WaitForOrderAsync("hook-woo", "1001", o => o.Status == OrderStatus.Closed);

        using var replayed = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo", body, Deliveries.Sign(ApiHost.WooWebhookSecret, body), deliveryId: "101"));
        Assert.Equal("duplicate", (string?)(await ApiAnswers.ReadObjectAsync(replayed))["status"]);
        Assert.Single(host.Platforms.Marketplace("hook-woo").Shipments);
    }

    [Fact]
    public async Task AWooCommerceStatusTheReverseMapDoesNotActOnIsIgnored()
    {
        await host.CreateIntegrationAsync("hook-woo-noise");
        var body = Deliveries.WooCommerceOrder("hook-woo-noise:1001", "processing");

        using var response = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo-noise", body, Deliveries.Sign(ApiHost.WooWebhookSecret, body), deliveryId: "201"));

        Assert.Equal("ignored", (string?)(await ApiAnswers.ReadObjectAsync(response))["status"]);
    }

    [Fact]
    public async Task ASignedDeliveryOfAnotherTopicIsAnsweredAndIgnoredSoTheShopKeepsTheWebhook()
    {
        await host.CreateIntegrationAsync("hook-woo-topic");
        var body = Encoding.UTF8.GetBytes("""{"id":501}""");

        using var response = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo-topic", body, Deliveries.Sign(ApiHost.WooWebhookSecret, body), deliveryId: "401", topic: "order.deleted"));
        using var unsigned = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo-topic", body, null, deliveryId: "402", topic: "order.deleted"));

        Assert.Equal("ignored", (string?)(await ApiAnswers.ReadObjectAsync(response))["status"]);
        await ApiAnswers.AssertProblemAsync(unsigned, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ASignedBodyThatIsNoOrderIs400()
    {
        await host.CreateIntegrationAsync("hook-woo-garbage");
        var body = Encoding.UTF8.GetBytes("""{"id":"not a number"}""");

        using var response = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo-garbage", body, Deliveries.Sign(ApiHost.WooWebhookSecret, body), deliveryId: "501"));

        await ApiAnswers.AssertValidationProblemAsync(response);
    }

    [Fact]
    public async Task TamperedBodyWrongSecretAndMissingSignatureAre401AndLoggedWithoutTheBody()
    {
        await host.CreateIntegrationAsync("hook-woo-bad");
        var marker = "marker-" + Guid.NewGuid().ToString("N");
        var body = Deliveries.WooCommerceOrder("hook-woo-bad:1001", "completed", marker: marker);
        var signature = Deliveries.Sign(ApiHost.WooWebhookSecret, body);
        var tampered = Deliveries.WooCommerceOrder("hook-woo-bad:1001", "cancelled", marker: marker);

        using var tamperedResponse = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo-bad", tampered, signature, deliveryId: "301"));
        using var wrongSecret = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo-bad", body, Deliveries.Sign("not-the-secret", body), deliveryId: "302"));
        using var missing = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo-bad", body, signature: null, deliveryId: "303"));
        using var garbage = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo-bad", body, "%%not base64%%", deliveryId: "304"));

        foreach (var response in new[] { tamperedResponse, wrongSecret, missing, garbage })
        {
            await ApiAnswers.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        var rejections = host.LogLines.Where(l => l.Contains("hook-woo-bad rejected", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rejections.Count);
        Assert.DoesNotContain(host.LogLines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.Null(await host.Orders.GetAsync(OrderKey.Create("hook-woo-bad", "1001"), CancellationToken.None));
    }

    [Fact]
    public async Task TheWooCommerceCreationPingIsAccepted()
    {
        await host.CreateIntegrationAsync("hook-woo-ping");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/woocommerce/hook-woo-ping")
        {
            Content = new StringContent("webhook_id=12", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };

        using var response = await Anonymous.SendAsync(request);

        Assert.Equal("ping", (string?)(await ApiAnswers.ReadObjectAsync(response))["status"]);
    }

    [Fact]
    public async Task AWebhookForAnUnknownIntegrationOrTheWrongPlatformIs404()
    {
        await host.CreateIntegrationAsync("hook-woo-only");
        var body = Deliveries.ShopifyOrder("hook-woo-only:1");

        using var unknown = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-none", body, Deliveries.Sign(ApiHost.WooWebhookSecret, body)));
        using var wrongPlatform = await Anonymous.SendAsync(Deliveries.Shopify("hook-woo-only", body, Deliveries.Sign(ApiHost.ShopifyClientSecret, body), Guid.NewGuid().ToString()));

        await ApiAnswers.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        await ApiAnswers.AssertProblemAsync(wrongPlatform, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnOversizedWebhookIs413()
    {
        await host.CreateIntegrationAsync("hook-woo-huge");
        var body = new byte[3 * 1024 * 1024];

        using var response = await Anonymous.SendAsync(Deliveries.WooCommerce("hook-woo-huge", body, Deliveries.Sign(ApiHost.WooWebhookSecret, body)));

        await ApiAnswers.AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task ASignedShopifyDeliveryMovesTheOrderAndBadSignaturesAre401()
    {
        await TransferredOrderAsync("hook-shopify", "shopify");
        host.Platforms.Shop("hook-shopify").Complete("hook-shopify:1001", trackingNumber: "3SABCD1234567");
        // A Shopify integration's default map ships on Shopify's own word for it, as its connector reports it.
        host.Platforms.Shop("hook-shopify").SetStatusByMerchant("hook-shopify:1001", "fulfilled");
        var body = Deliveries.ShopifyOrder("hook-shopify:1001");
        var webhookId = Guid.NewGuid().ToString();

        using var tampered = await Anonymous.SendAsync(Deliveries.Shopify("hook-shopify", Deliveries.ShopifyOrder("hook-shopify:1002"), Deliveries.Sign(ApiHost.ShopifyClientSecret, body), Guid.NewGuid().ToString()));
        using var missing = await Anonymous.SendAsync(Deliveries.Shopify("hook-shopify", body, null, Guid.NewGuid().ToString()));
        using var delivered = await Anonymous.SendAsync(Deliveries.Shopify("hook-shopify", body, Deliveries.Sign(ApiHost.ShopifyClientSecret, body), webhookId));
        using var replayed = await Anonymous.SendAsync(Deliveries.Shopify("hook-shopify", body, Deliveries.Sign(ApiHost.ShopifyClientSecret, body), webhookId));

        await ApiAnswers.AssertProblemAsync(tampered, HttpStatusCode.Unauthorized);
        await ApiAnswers.AssertProblemAsync(missing, HttpStatusCode.Unauthorized);
        Assert.Equal("queued", (string?)(await ApiAnswers.ReadObjectAsync(delivered, HttpStatusCode.Accepted))["status"]);
        Assert.Equal("duplicate", (string?)(await ApiAnswers.ReadObjectAsync(replayed))["status"]);
        await host.WaitForOrderAsync("hook-shopify", "1001", o => o.Status == OrderStatus.Closed);
    }

    [Fact]
    public async Task ATrendyolWebhookWithItsApiKeyPollsANewOrderInAndThenStepsAKnownOne()
    {
        await host.CreateIntegrationAsync("hook-ty");
        host.Platforms.Marketplace("hook-ty").Place(Samples.MarketplaceOrder("2001", changedAt: DateTimeOffset.UtcNow));

        using var first = await Anonymous.SendAsync(Deliveries.Trendyol("hook-ty", "2001", "Created", apiKey: ApiHost.TrendyolWebhookKey));
        Assert.Equal("poll", (string?)(await ApiAnswers.ReadObjectAsync(first, HttpStatusCode.Accepted))["work"]);
        await host.WaitForOrderAsync("hook-ty", "2001", o => o.Status == OrderStatus.Transferred);

        host.Platforms.Marketplace("hook-ty").CancelByMarketplace("2001");
        using var second = await Anonymous.SendAsync(Deliveries.Trendyol("hook-ty", "2001", "Cancelled", basic: ("trendyol", ApiHost.TrendyolWebhookPassword)));
        Assert.Equal("marketplace-changed", (string?)(await ApiAnswers.ReadObjectAsync(second, HttpStatusCode.Accepted))["work"]);
        await host.WaitForOrderAsync("hook-ty", "2001", o => o.Status == OrderStatus.Cancelled);
    }

    [Fact]
    public async Task ATrendyolWebhookWithoutOrWithWrongCredentialsIs401()
    {
        await host.CreateIntegrationAsync("hook-ty-bad");

        using var none = await Anonymous.SendAsync(Deliveries.Trendyol("hook-ty-bad", "3001", "Created"));
        using var wrongKey = await Anonymous.SendAsync(Deliveries.Trendyol("hook-ty-bad", "3001", "Created", apiKey: "wrong"));
        using var wrongPassword = await Anonymous.SendAsync(Deliveries.Trendyol("hook-ty-bad", "3001", "Created", basic: ("trendyol", "wrong")));
        using var wrongUser = await Anonymous.SendAsync(Deliveries.Trendyol("hook-ty-bad", "3001", "Created", basic: ("someone", ApiHost.TrendyolWebhookPassword)));

        foreach (var response in new[] { none, wrongKey, wrongPassword, wrongUser })
        {
            await ApiAnswers.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    /// <summary>An integration whose order 1001 was created in the shop by an API sync.</summary>
    private async Task TransferredOrderAsync(string integrationId, string shop)
    {
        await host.CreateIntegrationAsync(integrationId, shop: shop);
        host.Platforms.Marketplace(integrationId).Place(Samples.MarketplaceOrder("1001", changedAt: DateTimeOffset.UtcNow));
        using var sync = await host.Client.PostAsync($"/api/integrations/{integrationId}/syncs", null);
        Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        await host.WaitForOrderAsync(integrationId, "1001", o => o.Status == OrderStatus.Transferred);
    }
}

using System.Net;
using OrderFunctions.App.Tests.Api.Support;

namespace OrderFunctions.App.Tests.Api.Problems;

/// <summary>No secret value — function keys, connector credentials, webhook secrets — in any response (body or
/// header) or log line of the suite. This test drives the routes that touch secrets itself and checks everything
/// recorded so far; the host checks the whole suite again when it shuts down (<see cref="ApiHost.AssertNoSecretLeaked"/>).</summary>
[Collection(ApiCollection.Name)]
public sealed class SecretLeakTests(ApiHost host)
{
    [Fact]
    public async Task NoSecretAppearsInAnyResponseOrLogLine()
    {
        await host.CreateIntegrationAsync("leak-woo");
        await host.CreateIntegrationAsync("leak-shopify", shop: "shopify");
        var woo = Deliveries.WooCommerceOrder("leak-woo:1", "completed");
        var shopify = Deliveries.ShopifyOrder("leak-shopify:1");

        using var integration = await host.Client.GetAsync("/api/integrations/leak-woo");
        using var list = await host.Client.GetAsync("/api/integrations");
        using var wooBad = await host.Anonymous.SendAsync(Deliveries.WooCommerce("leak-woo", woo, Deliveries.Sign("wrong", woo), deliveryId: "9001"));
        using var wooGood = await host.Anonymous.SendAsync(Deliveries.WooCommerce("leak-woo", woo, Deliveries.Sign(ApiHost.WooWebhookSecret, woo), deliveryId: "9002"));
        using var shopifyBad = await host.Anonymous.SendAsync(Deliveries.Shopify("leak-shopify", shopify, Deliveries.Sign("wrong", shopify), Guid.NewGuid().ToString()));
        using var trendyolBad = await host.Anonymous.SendAsync(Deliveries.Trendyol("leak-woo", "1", "Created", basic: ("trendyol", "wrong")));
        using var noKey = await host.Anonymous.GetAsync("/api/integrations");
        using var openApi = await host.Anonymous.GetAsync("/api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, integration.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wooBad.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, wooGood.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, shopifyBad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, trendyolBad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.True(host.Responses.Count >= 8);
        Assert.Contains(host.LogLines, l => l.Contains("leak-woo rejected", StringComparison.Ordinal));
        host.AssertNoSecretLeaked();
    }
}

using System.Text.Json.Nodes;
using OrderFunctions.App.Tests.Api.Support;
using OrderFunctions.Sandbox.Common;
using OrderFunctions.Sandbox.Shopify;
using OrderFunctions.Sandbox.WooCommerce;

namespace OrderFunctions.App.Tests.Api.Webhooks;

/// <summary>The sandbox simulators deliver their webhooks — their own body shapes, headers and signatures — to the
/// app's webhook routes through the front door: a delivery signed with the integration's secret is accepted, one
/// signed with another secret is refused.</summary>
[Collection(ApiCollection.Name)]
public sealed class SandboxWebhookTests(ApiHost host)
{
    [Fact]
    public async Task TheWooCommerceSimulatorsSignedDeliveryIsAcceptedAndAWronglySignedOneRefused()
    {
        await host.CreateIntegrationAsync("sbx-woo");
        await using var woo = await WooCommerceSimulator.StartAsync();
        var orderId = woo.CreateOrderDirectly(new JsonObject
        {
            ["status"] = "processing",
            ["meta_data"] = new JsonArray(new JsonObject { ["key"] = "_orderfunctions_order_key", ["value"] = "sbx-woo:1001" }),
        });
        var url = new Uri(host.Client.BaseAddress!, "/api/webhooks/woocommerce/sbx-woo");
        woo.AddWebhook("order.updated", url, ApiHost.WooWebhookSecret);
        woo.AddWebhook("order.updated", url, "a-secret-the-hub-does-not-know");

        woo.Complete(orderId);
        var deliveries = await DeliveredAsync(() => woo.WebhookDeliveries, 2);

        Assert.Equal([202, 401], deliveries.Select(d => d.ResponseStatus).Order());
    }

    [Fact]
    public async Task TheShopifySimulatorsSignedDeliveryIsAccepted()
    {
        await host.CreateIntegrationAsync("sbx-shopify", shop: "shopify");
        await using var shopify = await ShopifySimulator.StartAsync(new ShopifySimulatorOptions { ClientSecret = ApiHost.ShopifyClientSecret });
        shopify.AddVariant("SKU-1", "Blue mug", 12.99m, available: 10);
        var orderId = shopify.CreateOrderDirectly("SKU-1", sourceIdentifier: "sbx-shopify:1001");
        shopify.AddWebhook("orders/updated", new Uri(host.Client.BaseAddress!, "/api/webhooks/shopify/sbx-shopify"));

        shopify.Fulfill(orderId, new ShopifyTracking("PostNL", "3SABCD1234567"));
        var deliveries = await DeliveredAsync(() => shopify.WebhookDeliveries, 1);

        Assert.All(deliveries, d => Assert.Equal(202, d.ResponseStatus));
    }

    private static async Task<IReadOnlyList<WebhookDelivery>> DeliveredAsync(Func<IReadOnlyList<WebhookDelivery>> deliveries, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (deliveries().Count < count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Only {deliveries().Count} of {count} webhook deliveries arrived.");
            await Task.Delay(50);
        }

        return deliveries();
    }
}

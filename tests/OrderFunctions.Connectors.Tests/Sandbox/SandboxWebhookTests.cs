using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Sandbox.Hosting;

namespace OrderFunctions.Connectors.Tests.Sandbox;

public sealed class SandboxWebhookTests
{
    [Fact]
    public async Task ShopChangesAreDeliveredToTheGivenUrlsSignedWithTheSandboxCredentials()
    {
        await using var wooCommerceHooks = await WebhookReceiver.StartAsync();
        await using var shopifyHooks = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxHost.StartAsync(new SandboxSettings
        {
            WooCommerceWebhookUrl = wooCommerceHooks.Url,
            ShopifyWebhookUrl = shopifyHooks.Url,
        });
        var credentials = sandbox.Manifest.Accounts;

        sandbox.Orders.WooCommerce.Cancel(sandbox.WooCommerce.CreateOrderDirectly(new()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var shopifyOrder = sandbox.Shopify.CreateOrderDirectly("OF-MUG-350");
        sandbox.Orders.Shopify.Complete(shopifyOrder["gid://shopify/Order/".Length..], tracking: null);
        var wooCommerceDelivery = await wooCommerceHooks.NextAsync();
        var shopifyDelivery = await shopifyHooks.NextAsync();

        Assert.Equal("order.updated", wooCommerceDelivery.Headers["X-WC-Webhook-Topic"]);
        Assert.True(WooCommerceWebhook.IsAuthentic(
            (string)credentials["woocommerce"].Credentials["webhookSecret"]!, wooCommerceDelivery.Body, wooCommerceDelivery.Headers["X-WC-Webhook-Signature"]));
        Assert.Equal("orders/updated", shopifyDelivery.Headers["X-Shopify-Topic"]);
        Assert.True(ShopifyWebhook.IsAuthentic(
            ShopifyCredentials.Parse("sandbox-shopify", credentials["shopify"].Credentials.ToJsonString()).WebhookSecrets, shopifyDelivery.Body, shopifyDelivery.Headers["X-Shopify-Hmac-Sha256"]));
    }
}

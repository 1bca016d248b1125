using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OrderFunctions.App.Tests.Api.Support;

/// <summary>Webhook deliveries shaped and signed as the platforms (and the sandbox simulators) send them.</summary>
internal static class Deliveries
{
    public static string Sign(string secret, byte[] body) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static byte[] WooCommerceOrder(string orderKey, string status, long id = 501, string marker = "") => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = id,
        ["status"] = status,
        ["date_modified_gmt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
        ["customer_note"] = marker,
        ["meta_data"] = new JsonArray(
            new JsonObject { ["id"] = 1, ["key"] = "_orderfunctions_order_key", ["value"] = orderKey },
            new JsonObject { ["id"] = 2, ["key"] = "_marketplace", ["value"] = "trendyol" }),
    }.ToJsonString());

    public static HttpRequestMessage WooCommerce(string integrationId, byte[] body, string? signature, string deliveryId = "1", string webhookId = "7", string topic = "order.updated")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/woocommerce/{integrationId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-WC-Webhook-Topic", topic);
        request.Headers.Add("X-WC-Webhook-Resource", topic.Split('.')[0]);
        request.Headers.Add("X-WC-Webhook-Event", topic.Split('.')[1]);
        request.Headers.Add("X-WC-Webhook-ID", webhookId);
        request.Headers.Add("X-WC-Webhook-Delivery-ID", deliveryId);
        if (signature is not null)
        {
            request.Headers.Add("X-WC-Webhook-Signature", signature);
        }

        return request;
    }

    public static byte[] ShopifyOrder(string orderKey) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = 450789469,
        ["admin_graphql_api_id"] = "gid://shopify/Order/450789469",
        ["source_identifier"] = orderKey,
        ["financial_status"] = "paid",
        ["fulfillment_status"] = "fulfilled",
    }.ToJsonString());

    public static HttpRequestMessage Shopify(string integrationId, byte[] body, string? signature, string webhookId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/shopify/{integrationId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Shopify-Topic", "orders/updated");
        request.Headers.Add("X-Shopify-Shop-Domain", "api-tests.myshopify.com");
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId);
        request.Headers.Add("X-Shopify-API-Version", "2025-10");
        if (signature is not null)
        {
            request.Headers.Add("X-Shopify-Hmac-SHA256", signature);
        }

        return request;
    }

    public static HttpRequestMessage Trendyol(string integrationId, string orderNumber, string status, string? apiKey = null, (string User, string Password)? basic = null)
    {
        var body = new JsonObject { ["id"] = 11650604, ["orderNumber"] = orderNumber, ["status"] = status, ["shipmentPackageStatus"] = status }.ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/trendyol/{integrationId}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        if (basic is { } credentials)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{credentials.Password}")));
        }

        return request;
    }
}

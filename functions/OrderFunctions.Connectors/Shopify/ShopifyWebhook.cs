using OrderFunctions.Connectors.Http;

namespace OrderFunctions.Connectors.Shopify;

/// <summary>
/// Verifies Shopify webhook deliveries (reference section D): <c>X-Shopify-Hmac-SHA256</c> is
/// base64(HMAC-SHA256(app client secret, raw body)). For up to an hour after a secret rotation Shopify may still sign
/// with the previous secret, so every secret of <see cref="ShopifyCredentials.WebhookSecrets"/> is tried. Use the raw
/// bytes as received; dedupe retries by <c>X-Shopify-Webhook-Id</c>. Payloads are REST-shaped and versioned: read the
/// order again through the API (<c>admin_graphql_api_id</c>) rather than trusting the body's fields.
/// </summary>
public static class ShopifyWebhook
{
    public const string SignatureHeader = "X-Shopify-Hmac-SHA256";
    public const string TopicHeader = "X-Shopify-Topic";
    public const string WebhookIdHeader = "X-Shopify-Webhook-Id";
    public const string ShopDomainHeader = "X-Shopify-Shop-Domain";
    public const string ApiVersionHeader = "X-Shopify-API-Version";

    public static bool IsAuthentic(IEnumerable<string> clientSecrets, ReadOnlySpan<byte> rawBody, string? signature)
    {
        ArgumentNullException.ThrowIfNull(clientSecrets);
        foreach (var secret in clientSecrets)
        {
            if (WebhookSignature.IsValid(secret, rawBody, signature))
            {
                return true;
            }
        }

        return false;
    }
}

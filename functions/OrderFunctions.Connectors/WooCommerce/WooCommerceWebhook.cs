using OrderFunctions.Connectors.Http;

namespace OrderFunctions.Connectors.WooCommerce;

/// <summary>
/// Verifies WooCommerce webhook deliveries (reference section C): <c>X-WC-Webhook-Signature</c> is
/// base64(HMAC-SHA256(webhook secret, raw body)). Use the raw bytes as received, before any JSON parsing. The
/// creation "ping" is form-encoded (<c>webhook_id=N</c>) and unsigned: answer it 200 and ignore it.
/// </summary>
public static class WooCommerceWebhook
{
    public const string SignatureHeader = "X-WC-Webhook-Signature";
    public const string TopicHeader = "X-WC-Webhook-Topic";
    public const string DeliveryIdHeader = "X-WC-Webhook-Delivery-ID";
    public const string WebhookIdHeader = "X-WC-Webhook-ID";
    public const string SourceHeader = "X-WC-Webhook-Source";

    /// <summary>True when <paramref name="signature"/> (the header's value, null when absent) signs <paramref name="rawBody"/>.</summary>
    public static bool IsAuthentic(string? webhookSecret, ReadOnlySpan<byte> rawBody, string? signature) =>
        WebhookSignature.IsValid(webhookSecret, rawBody, signature);
}

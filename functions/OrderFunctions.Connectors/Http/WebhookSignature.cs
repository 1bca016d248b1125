using System.Security.Cryptography;
using System.Text;

namespace OrderFunctions.Connectors.Http;

/// <summary>
/// The webhook signature WooCommerce (<c>X-WC-Webhook-Signature</c>) and Shopify (<c>X-Shopify-Hmac-SHA256</c>) both
/// use: base64(HMAC-SHA256(key = shared secret, data = the raw request body)). Verification compares in constant
/// time and never throws on malformed input.
/// </summary>
public static class WebhookSignature
{
    public static string Compute(string secret, ReadOnlySpan<byte> rawBody)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody));
    }

    /// <summary>True when <paramref name="signatureHeader"/> is the signature of <paramref name="rawBody"/> under
    /// <paramref name="secret"/>. A missing or non-base64 header, or an empty secret, is simply not valid.</summary>
    public static bool IsValid(string? secret, ReadOnlySpan<byte> rawBody, string? signatureHeader)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(signatureHeader.Trim(), presented, out var written) || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}

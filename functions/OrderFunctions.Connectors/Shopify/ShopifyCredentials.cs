using OrderFunctions.Connectors.Http;

namespace OrderFunctions.Connectors.Shopify;

/// <summary>
/// A Shopify app's credentials for one shop, as kept in the integration's secret (docs/connectors/shopify.md):
/// <c>{"accessToken":"shpat_…","clientSecret":"…","previousClientSecret":"…"}</c>. The access token authenticates Admin
/// API calls; the client secret (and, for an hour after a rotation, the previous one) verifies webhooks.
/// </summary>
public sealed record ShopifyCredentials(string AccessToken, string? ClientSecret = null, string? PreviousClientSecret = null)
{
    /// <summary>The secrets webhooks may be signed with, current first.</summary>
    public IReadOnlyList<string> WebhookSecrets => [.. new[] { ClientSecret, PreviousClientSecret }.OfType<string>().Where(s => s.Length > 0)];

    /// <summary>Reads the secret's JSON. Errors name the secret and the field, never a value.</summary>
    public static ShopifyCredentials Parse(string secretName, string json)
    {
        var secret = ConnectorSecret.Parse(ShopifyShop.Platform, secretName, json);
        return new ShopifyCredentials(secret.Required("accessToken"), secret.Optional("clientSecret"), secret.Optional("previousClientSecret"));
    }

    // Keeps the token and secrets out of logs and messages that print the record.
    public override string ToString() => "ShopifyCredentials { *** }";
}

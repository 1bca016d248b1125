using System.Text.Json;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Ports;

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

    /// <summary>Reads the secret's JSON. Errors name the field, never a value.</summary>
    public static ShopifyCredentials Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new ConnectorException(ShopifyShop.Platform, "shopify: the credentials secret is not valid JSON.", isTransient: false, field: "(credentials)");
        }

        using (document)
        {
            var root = PayloadReader.Root(document.RootElement, ShopifyShop.Platform);
            return new ShopifyCredentials(
                root.Required("accessToken").AsNonEmptyString(),
                root.Optional("clientSecret")?.AsString(),
                root.Optional("previousClientSecret")?.AsString());
        }
    }

    // Keeps the token and secrets out of logs and messages that print the record.
    public override string ToString() => "ShopifyCredentials { *** }";
}

using System.Text.Json;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.WooCommerce;

/// <summary>
/// A WooCommerce REST API key, as kept in the integration's secret (docs/connectors/woocommerce.md):
/// <c>{"consumerKey":"ck_…","consumerSecret":"cs_…","webhookSecret":"…","auth":"basic"}</c>. <c>auth</c> is
/// <c>basic</c> (default: HTTP Basic) or <c>query</c> (<c>consumer_key</c>/<c>consumer_secret</c> in the query string,
/// for servers that drop the Authorization header). <c>webhookSecret</c> is only needed to verify webhooks.
/// </summary>
public sealed record WooCommerceCredentials(string ConsumerKey, string ConsumerSecret, string? WebhookSecret = null, bool UseQueryString = false)
{
    /// <summary>Reads the secret's JSON. Errors name the field, never a value.</summary>
    public static WooCommerceCredentials Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            throw new ConnectorException(WooCommerceShop.Platform, "woocommerce: the credentials secret is not valid JSON.", isTransient: false, field: "(credentials)");
        }

        using (document)
        {
            var root = PayloadReader.Root(document.RootElement, WooCommerceShop.Platform);
            var auth = root.Optional("auth")?.AsString() ?? "basic";
            if (auth is not ("basic" or "query"))
            {
                throw root.Error("auth", "should be 'basic' or 'query'");
            }

            return new WooCommerceCredentials(
                root.Required("consumerKey").AsNonEmptyString(),
                root.Required("consumerSecret").AsNonEmptyString(),
                root.Optional("webhookSecret")?.AsString(),
                UseQueryString: auth == "query");
        }
    }

    // Keeps the secret out of logs and exception messages that print the record.
    public override string ToString() => $"WooCommerceCredentials {{ ConsumerKey = {ConsumerKey}, UseQueryString = {UseQueryString} }}";
}

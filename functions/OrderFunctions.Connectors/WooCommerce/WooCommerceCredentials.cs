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
    /// <summary>Reads the secret's JSON. Errors name the secret and the field, never a value.</summary>
    public static WooCommerceCredentials Parse(string secretName, string json)
    {
        var secret = ConnectorSecret.Parse(WooCommerceShop.Platform, secretName, json);
        var auth = secret.Optional("auth") ?? "basic";
        if (auth is not ("basic" or "query"))
        {
            throw new ConnectorException(WooCommerceShop.Platform, $"woocommerce: 'auth' in the credentials secret '{secretName}' should be 'basic' or 'query'.", isTransient: false, field: "auth");
        }

        return new WooCommerceCredentials(secret.Required("consumerKey"), secret.Required("consumerSecret"), secret.Optional("webhookSecret"), UseQueryString: auth == "query");
    }

    // Keeps the secret out of logs and exception messages that print the record.
    public override string ToString() => $"WooCommerceCredentials {{ ConsumerKey = {ConsumerKey}, UseQueryString = {UseQueryString} }}";
}

using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Bol;

/// <summary>
/// A bol.com retailer account: the credentials secret <c>{"clientId":"…","clientSecret":"…","tokenUrl":"…"}</c>.
/// <c>tokenUrl</c> is the login host's token endpoint, <c>https://login.bol.com/token</c> when absent (the sandbox
/// serves its own).
/// </summary>
internal sealed record BolAccount(string ClientId, string ClientSecret, Uri TokenUrl)
{
    public static BolAccount From(ConnectorAccount account, string credentialsJson)
    {
        ArgumentNullException.ThrowIfNull(account);
        const string platform = MarketplaceCatalog.Bol;
        var secret = ConnectorSecret.Parse(platform, account.SecretName, credentialsJson);
        var tokenUrl = secret.Optional("tokenUrl") ?? BolApi.DefaultTokenUrl;
        if (!Uri.TryCreate(tokenUrl, UriKind.Absolute, out var tokenUri) || tokenUri.Scheme is not ("https" or "http"))
        {
            throw new ConnectorException(platform, $"{platform}: tokenUrl in '{account.SecretName}' is not an absolute http(s) address.", isTransient: false, field: "tokenUrl");
        }

        return new BolAccount(secret.Required("clientId"), secret.Required("clientSecret"), tokenUri);
    }

    // Keeps the credentials out of ToString (and so out of any log or exception that prints the record).
    public override string ToString() => TokenUrl.Host;
}

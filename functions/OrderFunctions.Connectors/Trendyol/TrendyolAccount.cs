using System.Globalization;
using System.Text.RegularExpressions;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Trendyol;

/// <summary>
/// A Trendyol seller account: the seller id (<see cref="ConnectorAccount.AccountId"/>) and the credentials secret
/// <c>{"apiKey":"…","apiSecret":"…","integratorName":"…","storeFrontCode":"…"}</c>. <c>integratorName</c> goes into the
/// required <c>User-Agent: {sellerId} - {integratorName}</c> (alphanumeric, at most 30 characters; default
/// <c>SelfIntegration</c>); <c>storeFrontCode</c> is sent as a header when set (international storefronts).
/// </summary>
internal sealed partial record TrendyolAccount(long SellerId, string ApiKey, string ApiSecret, string IntegratorName, string? StoreFrontCode)
{
    public const string SelfIntegration = "SelfIntegration";

    public string UserAgent => string.Create(CultureInfo.InvariantCulture, $"{SellerId} - {IntegratorName}");

    public static TrendyolAccount From(ConnectorAccount account, string credentialsJson)
    {
        ArgumentNullException.ThrowIfNull(account);
        const string platform = MarketplaceCatalog.Trendyol;
        if (!long.TryParse(account.AccountId, NumberStyles.None, CultureInfo.InvariantCulture, out var sellerId))
        {
            throw new ConnectorException(platform, $"{platform}: the account's seller id (AccountId) must be Trendyol's numeric sellerId.", isTransient: false, field: nameof(ConnectorAccount.AccountId));
        }

        var secret = ConnectorSecret.Parse(platform, account.SecretName, credentialsJson);
        var integratorName = secret.Optional("integratorName") ?? SelfIntegration;
        if (!IntegratorNamePattern().IsMatch(integratorName))
        {
            throw new ConnectorException(platform, $"{platform}: integratorName in '{account.SecretName}' must be alphanumeric, at most 30 characters (it goes into the User-Agent).", isTransient: false, field: "integratorName");
        }

        return new TrendyolAccount(sellerId, secret.Required("apiKey"), secret.Required("apiSecret"), integratorName, secret.Optional("storeFrontCode"));
    }

    // Keeps the credentials out of ToString (and so out of any log or exception that prints the record).
    public override string ToString() => UserAgent;

    [GeneratedRegex("^[A-Za-z0-9]{1,30}$")]
    private static partial Regex IntegratorNamePattern();
}

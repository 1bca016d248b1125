using Microsoft.Extensions.Logging;
using OrderFunctions.Connectors.Bol;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Connectors.Trendyol;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using ConnectorBuilder = System.Func<OrderFunctions.Workflow.Integrations.ConnectorAccount, string, OrderFunctions.Connectors.Factory.ConnectorBuildContext, object>;

namespace OrderFunctions.Connectors.Factory;

/// <summary>Which side of an integration an account is on.</summary>
internal enum ConnectorSide
{
    Marketplace,
    Shop,
}

/// <summary>What every connector is built with besides its account and credentials.</summary>
internal sealed record ConnectorBuildContext(Func<ConnectorClientOptions> ClientOptions, TimeProvider Time, ILoggerFactory LoggerFactory);

/// <summary>The account kinds the hub can connect to, per side, and how each connector is built
/// (docs/connectors/*.md, "Construction"). Kinds are lowercase and compared exactly.</summary>
internal static class ConnectorKinds
{
    private static readonly Dictionary<string, ConnectorBuilder> Marketplaces = new(StringComparer.Ordinal)
    {
        [MarketplaceCatalog.Trendyol] = (account, credentials, c) =>
            new TrendyolMarketplace(account, credentials, c.ClientOptions(), c.Time, settings: null, c.LoggerFactory.CreateLogger<TrendyolMarketplace>()),
        [MarketplaceCatalog.Bol] = (account, credentials, c) =>
            new BolMarketplace(account, credentials, c.ClientOptions(), c.Time, settings: null, c.LoggerFactory.CreateLogger<BolMarketplace>()),
    };

    private static readonly Dictionary<string, ConnectorBuilder> Shops = new(StringComparer.Ordinal)
    {
        [WooCommerceShop.Platform] = (account, credentials, c) => WooCommerceShop.Create(account, credentials, c.ClientOptions(), c.LoggerFactory),
        [ShopifyShop.Platform] = (account, credentials, c) => ShopifyShop.Create(account, credentials, c.ClientOptions(), c.Time, c.LoggerFactory),
    };

    /// <summary>The builder of <paramref name="kind"/> on that side, or null when the hub has no such connector.</summary>
    public static ConnectorBuilder? Find(ConnectorSide side, string kind) =>
        Table(side).GetValueOrDefault(kind);

    public static IEnumerable<string> Known(ConnectorSide side) => Table(side).Keys;

    public static string Describe(ConnectorSide side) => side == ConnectorSide.Marketplace ? "marketplace" : "shop";

    private static Dictionary<string, ConnectorBuilder> Table(ConnectorSide side) => side == ConnectorSide.Marketplace ? Marketplaces : Shops;
}

using OrderFunctions.App.Api;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;

namespace OrderFunctions.App.Demo;

/// <summary>How fast the demo integrations move: polled every 10 s (the sample's fan-out schedule), and a 30 s wait
/// for a tracking code instead of 3 hours, so a newcomer sees every path within a minute or two.</summary>
internal sealed record DemoSeedOptions
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan TrackingWait { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>An integration to seed with the status map it should have.</summary>
internal sealed record DemoIntegration(Integration Integration, StatusMap StatusMap);

/// <summary>
/// The local run's two integrations on the sandbox accounts: Trendyol → WooCommerce and bol.com → Shopify, with the
/// default settings (seed 001) except the timings above and new-order mails on.
/// </summary>
internal static class DemoIntegrations
{
    public const string TrendyolToWooCommerceId = "demo-trendyol-woocommerce";
    public const string BolToShopifyId = "demo-bol-shopify";

    /// <summary>Shopify statuses as its connector reports and sets them (docs/connectors/shopify.md): only <c>open</c>,
    /// <c>closed</c>, <c>fulfilled</c> and <c>cancelled</c> can be set, so bol's statuses map onto those.</summary>
    public static StatusMap BolToShopifyMap { get; } = new(
        [
            new("OPEN", "open", Active: true, ProcessInclusion: true),
            new("CANCELLATION_REQUESTED", "open", Active: true, ProcessInclusion: false),
            new("SHIPPED", "fulfilled", Active: true, ProcessInclusion: false),
            new("CANCELLED", "cancelled", Active: true, ProcessInclusion: false),
        ],
        [
            new("fulfilled", ReverseAction.Ship, Active: true),
            new("cancelled", ReverseAction.Cancel, Active: true),
        ]);

    /// <summary>Where the sandbox's WooCommerce sends <c>order.updated</c> for the Trendyol → WooCommerce integration, on
    /// the app at <paramref name="appBase"/> (<c>http://127.0.0.1:7071/</c>); scripts/run-local.sh passes the same URL.</summary>
    public static Uri WooCommerceWebhookUrl(Uri appBase) => new(appBase, ApiRoutes.Path(ApiRoutes.WooCommerceWebhook, TrendyolToWooCommerceId));

    /// <summary>Where the sandbox's Shopify sends <c>orders/updated</c> for the bol.com → Shopify integration.</summary>
    public static Uri ShopifyWebhookUrl(Uri appBase) => new(appBase, ApiRoutes.Path(ApiRoutes.ShopifyWebhook, BolToShopifyId));

    public static IReadOnlyList<DemoIntegration> For(DemoManifest manifest, DemoSeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        var settings = new IntegrationSettings
        {
            PollInterval = options.PollInterval,
            TrackingWait = options.TrackingWait,
            NotifyNewOrders = true,
        };
        return
        [
            // WooCommerce speaks the vocabulary of the default map (pending, processing, completed, cancelled, …).
            new(
                new Integration
                {
                    Id = TrendyolToWooCommerceId,
                    DisplayName = "Trendyol → WooCommerce (demo)",
                    Marketplace = manifest.Trendyol,
                    Shop = manifest.WooCommerce,
                    Settings = settings,
                },
                DefaultStatusMaps.For(MarketplaceCatalog.TrendyolDescriptor)),
            new(
                new Integration
                {
                    Id = BolToShopifyId,
                    DisplayName = "bol.com → Shopify (demo)",
                    Marketplace = manifest.Bol,
                    Shop = manifest.Shopify,
                    Settings = settings,
                },
                BolToShopifyMap),
        ];
    }
}

using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Shops;

namespace OrderFunctions.Workflow.Integrations;

/// <summary>
/// The status map a new integration starts with when none is given: one row per status of the marketplace's fixed
/// list (seed 000), mapped onto statuses the integration's shop can set — WooCommerce's vocabulary, or Shopify's four
/// (open, closed, fulfilled, cancelled) — all rows active, Process inclusion on exactly for the statuses that create
/// orders (seed 004), and a reverse map in which the shop's completion ships and its cancellation cancels.
/// Operators edit the result; nothing here is special at run time.
/// </summary>
public static class DefaultStatusMaps
{
    public static StatusMap For(MarketplaceDescriptor marketplace, string shopKind = ShopCatalog.WooCommerce)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        var shopify = string.Equals(shopKind, ShopCatalog.Shopify, StringComparison.Ordinal);
        var entries = marketplace.Statuses
            .Select(s => new StatusMapEntry(s.Name, shopify ? ShopifyStatusFor(s.Kind) : WooCommerceStatusFor(s.Kind), Active: true, ProcessInclusion: OrderDecider.CreatesOrders(s.Kind)))
            .ToList();
        return new StatusMap(entries, shopify ? ShopifyReverse : Reverse);
    }

    /// <summary>The WooCommerce reverse map.</summary>
    public static IReadOnlyList<ReverseStatusMapEntry> Reverse { get; } =
    [
        new("completed", ReverseAction.Ship, Active: true),
        new("cancelled", ReverseAction.Cancel, Active: true),
    ];

    /// <summary>The Shopify reverse map: its connector reports a shipped order as <c>fulfilled</c>.</summary>
    public static IReadOnlyList<ReverseStatusMapEntry> ShopifyReverse { get; } =
    [
        new("fulfilled", ReverseAction.Ship, Active: true),
        new("cancelled", ReverseAction.Cancel, Active: true),
    ];

    private static string WooCommerceStatusFor(MarketplaceStatusKind kind) => kind switch
    {
        MarketplaceStatusKind.AwaitingPayment => "pending",
        MarketplaceStatusKind.Open or MarketplaceStatusKind.Processing or MarketplaceStatusKind.Split => "processing",
        MarketplaceStatusKind.Shipped or MarketplaceStatusKind.Delivered => "completed",
        MarketplaceStatusKind.DeliveryFailed or MarketplaceStatusKind.CancellationRequested => "on-hold",
        MarketplaceStatusKind.Returned => "refunded",
        MarketplaceStatusKind.Cancelled => "cancelled",
        _ => "on-hold",
    };

    /// <summary>Shopify has no "pending", "on hold" or "refunded" the hub can set: what is not shipped, closed or
    /// cancelled stays open (as in the demo's bol → Shopify map); a return archives the order.</summary>
    private static string ShopifyStatusFor(MarketplaceStatusKind kind) => kind switch
    {
        MarketplaceStatusKind.Shipped or MarketplaceStatusKind.Delivered => "fulfilled",
        MarketplaceStatusKind.Returned => "closed",
        MarketplaceStatusKind.Cancelled => "cancelled",
        _ => "open",
    };
}

using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.Workflow.Integrations;

/// <summary>
/// The status map a new integration starts with when none is given: one row per status of the marketplace's fixed
/// list (seed 000), mapped onto the common shop vocabulary (WooCommerce's statuses, which the Shopify connector
/// reports too), all rows active, Process inclusion on exactly for the statuses that create orders (seed 004), and a
/// reverse map in which <c>completed</c> ships and <c>cancelled</c> cancels.
/// Operators edit the result; nothing here is special at run time.
/// </summary>
public static class DefaultStatusMaps
{
    public static StatusMap For(MarketplaceDescriptor marketplace)
    {
        ArgumentNullException.ThrowIfNull(marketplace);
        var entries = marketplace.Statuses
            .Select(s => new StatusMapEntry(s.Name, ShopStatusFor(s.Kind), Active: true, ProcessInclusion: OrderDecider.CreatesOrders(s.Kind)))
            .ToList();
        return new StatusMap(entries, Reverse);
    }

    public static IReadOnlyList<ReverseStatusMapEntry> Reverse { get; } =
    [
        new("completed", ReverseAction.Ship, Active: true),
        new("cancelled", ReverseAction.Cancel, Active: true),
    ];

    private static string ShopStatusFor(MarketplaceStatusKind kind) => kind switch
    {
        MarketplaceStatusKind.AwaitingPayment => "pending",
        MarketplaceStatusKind.Open or MarketplaceStatusKind.Processing or MarketplaceStatusKind.Split => "processing",
        MarketplaceStatusKind.Shipped or MarketplaceStatusKind.Delivered => "completed",
        MarketplaceStatusKind.DeliveryFailed or MarketplaceStatusKind.CancellationRequested => "on-hold",
        MarketplaceStatusKind.Returned => "refunded",
        MarketplaceStatusKind.Cancelled => "cancelled",
        _ => "on-hold",
    };
}

namespace OrderFunctions.Workflow.Ports;

/// <summary>
/// An order as the shop reports it. <see cref="OrderKey"/> is the hub's own key for the order
/// (<see cref="Orders.OrderKey"/>), stored in the shop when the order is created (WooCommerce <c>meta_data</c>,
/// Shopify <c>sourceIdentifier</c>); shop orders without one are not ours and are ignored.
/// <see cref="Status"/> is the shop's raw status string (custom statuses included).
/// </summary>
public sealed record ShopOrder
{
    public required string ShopOrderId { get; init; }

    public string? OrderKey { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>Tracking as the shop holds it (WooCommerce Shipment Tracking items, Shopify fulfillments).</summary>
    public IReadOnlyList<ShopTracking> Tracking { get; init; } = [];
}

/// <summary>One tracking entry; <see cref="Carrier"/> is the shop's own carrier name, if any. Shops that keep more than
/// one identifier per shipment also fill <see cref="ShipmentBarcode"/> and <see cref="PackageNumber"/>; the
/// integration's <see cref="Integrations.TrackingField"/> says which one the marketplace gets (seed 001).</summary>
public sealed record ShopTracking(string TrackingNumber, string? Carrier, string? TrackingUrl)
{
    public string? ShipmentBarcode { get; init; }

    public string? PackageNumber { get; init; }
}

public sealed record ShopOrderPage(IReadOnlyList<ShopOrder> Orders, string? NextPageToken);

/// <summary>What to create in the shop for a marketplace order.</summary>
public sealed record ShopOrderDraft
{
    public required string OrderKey { get; init; }

    /// <summary>Marketplace kind (e.g. <c>trendyol</c>), recorded with the order for people reading the shop.</summary>
    public required string Marketplace { get; init; }

    public required MarketplaceOrder Source { get; init; }

    /// <summary>The shop status the order starts in, from the status map.</summary>
    public required string Status { get; init; }

    /// <summary>Whether creating the order takes the items out of the shop's stock.</summary>
    public required bool DecrementStock { get; init; }

    public decimal? ShippingVatRate { get; init; }
}

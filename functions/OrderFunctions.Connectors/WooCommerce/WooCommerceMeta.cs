namespace OrderFunctions.Connectors.WooCommerce;

/// <summary>The order meta keys the connector writes and reads (docs/connectors/woocommerce.md).</summary>
public static class WooCommerceMeta
{
    /// <summary>The hub's <see cref="Workflow.Orders.OrderKey"/> of the order: the identity a retried create finds.</summary>
    public const string OrderKey = "_orderfunctions_order_key";

    /// <summary>The marketplace kind (<c>trendyol</c>, <c>bol</c>), for people reading the order.</summary>
    public const string Marketplace = "_marketplace";

    /// <summary>The marketplace's own order id.</summary>
    public const string MarketplaceOrderId = "_marketplace_order_id";

    /// <summary>Why the hub cancelled the order (WooCommerce has no cancellation reason field).</summary>
    public const string CancelReason = "_orderfunctions_cancel_reason";

    /// <summary>The Shipment Tracking extension's (and Advanced Shipment Tracking's) list of tracking items.</summary>
    public const string ShipmentTrackingItems = "_wc_shipment_tracking_items";

    /// <summary>Very old Shipment Tracking versions: one tracking number and provider per order.</summary>
    public const string LegacyTrackingNumber = "_tracking_number";

    public const string LegacyTrackingProvider = "_tracking_provider";

    public const string LegacyCustomTrackingProvider = "_custom_tracking_provider";

    public const string LegacyCustomTrackingLink = "_custom_tracking_link";
}

namespace OrderFunctions.Connectors.Shopify;

/// <summary>
/// The status strings the hub sees for a Shopify order (docs/connectors/shopify.md). Shopify has no single order
/// status: it has <c>cancelledAt</c>, <c>closed</c>, a financial and a fulfilment status. The connector folds them into
/// one string, first match wins: cancelled, refunded, fulfilled, partially_fulfilled, on_hold, closed, open. Status
/// maps (forward and reverse) refer to these strings.
/// </summary>
public static class ShopifyStatuses
{
    /// <summary>Not cancelled, not (fully) shipped, not archived: the normal state of a new order.</summary>
    public const string Open = "open";

    /// <summary>Fulfilment is on hold.</summary>
    public const string OnHold = "on_hold";

    /// <summary>Some items shipped.</summary>
    public const string PartiallyFulfilled = "partially_fulfilled";

    /// <summary>Every item shipped (Shopify usually archives fulfilled orders too).</summary>
    public const string Fulfilled = "fulfilled";

    /// <summary>Archived without being (fully) shipped.</summary>
    public const string Closed = "closed";

    /// <summary>Refunded in full (financial status REFUNDED).</summary>
    public const string Refunded = "refunded";

    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Open, OnHold, PartiallyFulfilled, Fulfilled, Closed, Refunded, Cancelled];

    /// <summary>The statuses <see cref="ShopifyShop.UpdateStatusAsync"/> can set: open and closed (orderOpen,
    /// orderClose), fulfilled (fulfillmentCreate for what is left), cancelled (orderCancel).</summary>
    public static IReadOnlyList<string> Settable { get; } = [Open, Closed, Fulfilled, Cancelled];

    /// <summary>Shopify's <c>OrderDisplayFulfillmentStatus</c> values in the pinned versions.</summary>
    internal static IReadOnlySet<string> FulfillmentStatuses { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "FULFILLED", "IN_PROGRESS", "ON_HOLD", "OPEN", "PARTIALLY_FULFILLED", "PENDING_FULFILLMENT", "REQUEST_DECLINED", "RESTOCKED", "SCHEDULED", "UNFULFILLED",
    };

    /// <summary>Shopify's <c>OrderDisplayFinancialStatus</c> values in the pinned versions.</summary>
    internal static IReadOnlySet<string> FinancialStatuses { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AUTHORIZED", "EXPIRED", "PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "PENDING", "REFUNDED", "VOIDED",
    };

    /// <summary>Folds Shopify's fields into the hub's status (already validated values).</summary>
    public static string Of(bool cancelled, bool closed, string? financialStatus, string fulfillmentStatus) =>
        cancelled ? Cancelled
        : financialStatus == "REFUNDED" ? Refunded
        : fulfillmentStatus == "FULFILLED" ? Fulfilled
        : fulfillmentStatus == "PARTIALLY_FULFILLED" ? PartiallyFulfilled
        : fulfillmentStatus == "ON_HOLD" ? OnHold
        : closed ? Closed
        : Open;
}

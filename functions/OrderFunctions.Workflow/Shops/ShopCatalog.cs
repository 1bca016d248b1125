namespace OrderFunctions.Workflow.Shops;

/// <summary>
/// The shops the hub connects to, and which statuses the hub can set in each: a status map (and the reservation
/// status) may only name statuses the integration's shop can set, or every order would fail at transfer.
/// </summary>
public static class ShopCatalog
{
    public const string WooCommerce = "woocommerce";
    public const string Shopify = "shopify";

    /// <summary>What the Shopify connector can set (<c>ShopifyStatuses.Settable</c> in the connectors: orderOpen,
    /// orderClose, fulfillmentCreate, orderCancel); keep the two lists equal.</summary>
    public static IReadOnlyList<string> ShopifySettableStatuses { get; } = ["open", "closed", "fulfilled", "cancelled"];

    /// <summary>The statuses the hub can set in a shop of <paramref name="shopKind"/>, or null when the shop takes any
    /// status (WooCommerce: custom statuses included, seed 002).</summary>
    public static IReadOnlyList<string>? SettableStatuses(string? shopKind) =>
        string.Equals(shopKind, Shopify, StringComparison.Ordinal) ? ShopifySettableStatuses : null;

    /// <summary>Whether the hub can set <paramref name="status"/> in a shop of <paramref name="shopKind"/>.</summary>
    public static bool CanSet(string? shopKind, string? status) =>
        SettableStatuses(shopKind) is not { } settable || settable.Contains(status, StringComparer.Ordinal);
}

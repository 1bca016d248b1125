namespace OrderFunctions.Workflow.Marketplaces;

/// <summary>What a marketplace status means to the workflow. The status map (DE-PARA) says what each status
/// becomes in the shop; the kind says how the workflow treats an order in it.</summary>
public enum MarketplaceStatusKind
{
    /// <summary>Not paid yet: reserve stock at most, never create (Trendyol Awaiting).</summary>
    AwaitingPayment,

    /// <summary>Paid and waiting for the seller: the status that normally creates the order.</summary>
    Open,

    /// <summary>The seller is working on it (Picking, Invoiced).</summary>
    Processing,

    /// <summary>With the carrier or at a pick-up point.</summary>
    Shipped,

    Delivered,

    /// <summary>Delivery failed.</summary>
    DeliveryFailed,

    /// <summary>The customer asked to cancel (bol); the seller decides.</summary>
    CancellationRequested,

    /// <summary>Cancelled or unsupplied: does not create an order unless the map's Process-inclusion flag says so.</summary>
    Cancelled,

    Returned,

    /// <summary>The package was split or re-packed; the order continues under new package ids.</summary>
    Split,
}

public sealed record MarketplaceStatus(string Name, MarketplaceStatusKind Kind, string Description);

/// <summary>A marketplace the hub can connect to and the fixed list of statuses it reports
/// (seed 000: "no addition or subtraction can be made from this field").</summary>
public sealed record MarketplaceDescriptor(string Kind, string DisplayName, IReadOnlyList<MarketplaceStatus> Statuses)
{
    public MarketplaceStatus? FindStatus(string name) =>
        Statuses.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}

/// <summary>The marketplaces the hub knows, with their statuses (../shared/reference/marketplace-and-shop-apis.md).</summary>
public static class MarketplaceCatalog
{
    public const string Trendyol = "trendyol";
    public const string Bol = "bol";

    public static MarketplaceDescriptor TrendyolDescriptor { get; } = new(Trendyol, "Trendyol",
    [
        new("Awaiting", MarketplaceStatusKind.AwaitingPayment, "Payment not yet confirmed"),
        new("Created", MarketplaceStatusKind.Open, "Ready to ship"),
        new("Picking", MarketplaceStatusKind.Processing, "Being prepared by the seller"),
        new("Invoiced", MarketplaceStatusKind.Processing, "Invoiced by the seller"),
        new("Shipped", MarketplaceStatusKind.Shipped, "Scanned by the carrier"),
        new("AtCollectionPoint", MarketplaceStatusKind.Shipped, "At a pick-up point"),
        new("Delivered", MarketplaceStatusKind.Delivered, "Delivered"),
        new("UnDelivered", MarketplaceStatusKind.DeliveryFailed, "Delivery failed"),
        new("Returned", MarketplaceStatusKind.Returned, "Returned"),
        new("Cancelled", MarketplaceStatusKind.Cancelled, "Cancelled"),
        new("UnSupplied", MarketplaceStatusKind.Cancelled, "Lines the seller could not supply"),
        new("UnPacked", MarketplaceStatusKind.Split, "Package split into new packages"),
        new("Repack", MarketplaceStatusKind.Split, "Re-packed"),
    ]);

    /// <summary>bol.com reports item fields, not an order status; the connector derives one of these.</summary>
    public static MarketplaceDescriptor BolDescriptor { get; } = new(Bol, "bol.com",
    [
        new("OPEN", MarketplaceStatusKind.Open, "Items still to ship or cancel"),
        new("CANCELLATION_REQUESTED", MarketplaceStatusKind.CancellationRequested, "The customer asked to cancel an item"),
        new("SHIPPED", MarketplaceStatusKind.Shipped, "Every item shipped"),
        new("CANCELLED", MarketplaceStatusKind.Cancelled, "Every item cancelled"),
    ]);

    public static IReadOnlyList<MarketplaceDescriptor> All { get; } = [TrendyolDescriptor, BolDescriptor];

    public static MarketplaceDescriptor? Find(string kind) =>
        All.FirstOrDefault(d => string.Equals(d.Kind, kind, StringComparison.Ordinal));
}

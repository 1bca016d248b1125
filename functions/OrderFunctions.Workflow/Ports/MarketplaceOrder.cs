namespace OrderFunctions.Workflow.Ports;

/// <summary>
/// An order as a marketplace reports it, normalised. <see cref="OrderId"/> is the customer order
/// (Trendyol <c>orderNumber</c>, bol <c>orderId</c>): splits and re-packs create new Trendyol package ids for the same
/// order, so packages are listed in <see cref="PackageIds"/> and never used as the order's identity.
/// <see cref="Status"/> is one of the marketplace's fixed statuses (<see cref="Marketplaces.MarketplaceCatalog"/>).
/// </summary>
public sealed record MarketplaceOrder
{
    public required string OrderId { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset PlacedAt { get; init; }

    public required DateTimeOffset LastChangedAt { get; init; }

    public required string Currency { get; init; }

    public decimal TotalPrice { get; init; }

    public required Customer Customer { get; init; }

    public required PostalAddress ShippingAddress { get; init; }

    public PostalAddress? BillingAddress { get; init; }

    public required IReadOnlyList<MarketplaceOrderLine> Lines { get; init; }

    /// <summary>Marketplace-side shipment units (Trendyol shipment package ids) still active for this order.</summary>
    public IReadOnlyList<string> PackageIds { get; init; } = [];

    /// <summary>Carrier and tracking the marketplace already knows (e.g. Trendyol's contracted carrier label).</summary>
    public string? CarrierName { get; init; }

    public string? TrackingCode { get; init; }

    /// <summary>True once the marketplace shows the order acknowledged by the seller (e.g. Trendyol Picking).</summary>
    public bool Acknowledged { get; init; }
}

public sealed record MarketplaceOrderLine
{
    /// <summary>The marketplace's line id (Trendyol line id, bol orderItemId) used for shipment and cancellation.</summary>
    public required string LineId { get; init; }

    /// <summary>The seller's SKU (Trendyol merchantSku, bol offer reference) — the key into the shop's catalogue.</summary>
    public required string Sku { get; init; }

    /// <summary>EAN / barcode, when given.</summary>
    public string? Barcode { get; init; }

    public required string Title { get; init; }

    public required int Quantity { get; init; }

    public required decimal UnitPrice { get; init; }

    public int QuantityShipped { get; init; }

    public int QuantityCancelled { get; init; }

    /// <summary>The customer asked to cancel this line (bol <c>cancellationRequest</c>).</summary>
    public bool CancellationRequested { get; init; }

    /// <summary>The Trendyol shipment package this line currently belongs to, if any.</summary>
    public string? PackageId { get; init; }
}

public sealed record Customer(string FirstName, string LastName, string? Email, string? Phone);

public sealed record PostalAddress
{
    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    public string? Company { get; init; }

    public required string Address1 { get; init; }

    public string? Address2 { get; init; }

    public required string City { get; init; }

    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public required string CountryCode { get; init; }

    public string? Phone { get; init; }
}

/// <summary>One page of changed marketplace orders; <see cref="NextPageToken"/> null on the last page.</summary>
public sealed record MarketplaceOrderPage(IReadOnlyList<MarketplaceOrder> Orders, string? NextPageToken);

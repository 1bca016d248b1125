namespace OrderFunctions.Sandbox.Bol;

/// <summary>Media types of the Retailer API: Orders, Shipments and the shared process status are on v10; the Offers
/// resource moved to v11 (bol versions per resource since v10).</summary>
public static class BolMediaTypes
{
    public const string RetailerV10 = "application/vnd.retailer.v10+json";
    public const string RetailerV11 = "application/vnd.retailer.v11+json";
}

/// <summary>The documented enums of reference B (and the v10 spec).</summary>
public static class BolCodes
{
    public static IReadOnlySet<string> CancellationReasons { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "OUT_OF_STOCK", "REQUESTED_BY_CUSTOMER", "BAD_CONDITION", "HIGHER_SHIPCOST", "INCORRECT_PRICE", "NOT_AVAIL_IN_TIME",
        "NO_BOL_GUARANTEE", "ORDERED_TWICE", "RETAIN_ITEM", "TECH_ISSUE", "UNFINDABLE_ITEM", "OTHER",
    };

    /// <summary>The 2023 v10 transporter codes (the spec now types the field as a free string).</summary>
    public static IReadOnlySet<string> TransporterCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "BRIEFPOST", "UPS", "TNT", "TNT-EXTRA", "TNT_BRIEF", "TNT-EXPRESS", "DYL", "DPD-NL", "DPD-BE", "BPOST_BE", "BPOST_BRIEF",
        "DHLFORYOU", "GLS", "FEDEX_NL", "FEDEX_BE", "OTHER", "DHL", "DHL_DE", "DHL-GLOBAL-MAIL", "DHL-SD", "TSN", "TRANSMISSION",
        "PARCEL-NL", "PACKS", "COURIER", "TRUNKRS", "PES", "BUDBEE", "CYCLOON", "AMPERE",
    };

    public const string CreateShipment = "CREATE_SHIPMENT";
    public const string CancelOrder = "CANCEL_ORDER";
}

public sealed record BolOrderSeed
{
    public required string OrderId { get; init; }

    /// <summary>Default: the simulator's now.</summary>
    public DateTimeOffset? PlacedAt { get; init; }

    public BolAddressSeed ShipmentDetails { get; init; } = new();

    /// <summary>Default: the shipment details.</summary>
    public BolAddressSeed? BillingDetails { get; init; }

    public required IReadOnlyList<BolItemSeed> Items { get; init; }
}

public sealed record BolItemSeed(string Ean, string Title, int Quantity, decimal UnitPrice)
{
    /// <summary>The seller's own reference on the offer (its SKU); may be absent.</summary>
    public string? OfferReference { get; init; }

    public string FulfilmentMethod { get; init; } = "FBR";
}

public sealed record BolAddressSeed
{
    public string FirstName { get; init; } = "Billie";

    public string Surname { get; init; } = "Jansen";

    public string StreetName { get; init; } = "Dorpstraat";

    public string HouseNumber { get; init; } = "1";

    public string? HouseNumberExtension { get; init; } = "B";

    public string ZipCode { get; init; } = "1111ZZ";

    public string City { get; init; } = "Utrecht";

    public string CountryCode { get; init; } = "NL";

    public string Email { get; init; } = "2bq4mmmaq7r5nq34tizchiqtsmcq7y@verkopen.test2.bol.com";
}

public sealed record BolOfferSeed(string Ean, string? Reference, int Stock)
{
    public string FulfilmentMethod { get; init; } = "FBR";

    public bool ManagedByRetailer { get; init; } = true;
}

/// <summary>An order item as the simulator holds it now (a copy).</summary>
public sealed record BolItemView(string OrderId, string OrderItemId, string Ean, int Quantity, int QuantityShipped, int QuantityCancelled, bool CancellationRequest);

public sealed record BolOfferView(string OfferId, string Ean, string? Reference, string FulfilmentMethod, int Stock, bool ManagedByRetailer);

// What the simulator was asked to do, in order: tests count these to prove a call was made once.

/// <summary>An accepted POST /retailer/shipments (202), whatever its process later decides.</summary>
public sealed record BolShipmentRequest(string ProcessStatusId, IReadOnlyList<string> OrderItemIds, string? ShipmentReference, string? TransporterCode, string? TrackAndTrace);

/// <summary>An accepted PUT /retailer/orders/cancellation (202).</summary>
public sealed record BolCancellationRequest(string ProcessStatusId, string OrderItemId, string ReasonCode);

/// <summary>An accepted stock change (PATCH /retailer/offers/{id}, v11).</summary>
public sealed record BolStockUpdate(string OfferId, int Amount, bool ManagedByRetailer);

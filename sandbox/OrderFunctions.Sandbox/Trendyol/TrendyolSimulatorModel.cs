namespace OrderFunctions.Sandbox.Trendyol;

/// <summary>The package statuses of the Seller API (reference A), in the order a package normally moves through them.</summary>
public static class TrendyolStatuses
{
    public const string Awaiting = "Awaiting";
    public const string Created = "Created";
    public const string Picking = "Picking";
    public const string Invoiced = "Invoiced";
    public const string Shipped = "Shipped";
    public const string AtCollectionPoint = "AtCollectionPoint";
    public const string Delivered = "Delivered";
    public const string UnDelivered = "UnDelivered";
    public const string Returned = "Returned";
    public const string Cancelled = "Cancelled";
    public const string UnSupplied = "UnSupplied";
    public const string UnPacked = "UnPacked";
    public const string Repack = "Repack";

    public static IReadOnlyList<string> All { get; } =
        [Awaiting, Created, Picking, Invoiced, Shipped, AtCollectionPoint, Delivered, UnDelivered, Returned, Cancelled, UnSupplied, UnPacked, Repack];
}

/// <summary>An order to put into the simulator: one package with these lines.</summary>
public sealed record TrendyolOrderSeed
{
    public required string OrderNumber { get; init; }

    public string Status { get; init; } = TrendyolStatuses.Created;

    /// <summary>Default: the simulator's now.</summary>
    public DateTimeOffset? OrderDate { get; init; }

    public string CustomerFirstName { get; init; } = "Ayse";

    public string CustomerLastName { get; init; } = "Yilmaz";

    public string CustomerEmail { get; init; } = "pf+x7k2@trendyolmail.com";

    public TrendyolAddressSeed Address { get; init; } = new();

    public string CargoProviderName { get; init; } = "Trendyol Express Marketplace";

    public string CurrencyCode { get; init; } = "TRY";

    public required IReadOnlyList<TrendyolLineSeed> Lines { get; init; }
}

public sealed record TrendyolLineSeed(string Barcode, string MerchantSku, string ProductName, int Quantity, decimal Price);

public sealed record TrendyolAddressSeed
{
    public string FirstName { get; init; } = "Ayse";

    public string LastName { get; init; } = "Yilmaz";

    public string Address1 { get; init; } = "Halaskargazi Cd. No:12 D:3";

    public string City { get; init; } = "Istanbul";

    public string District { get; init; } = "Sisli";

    public string PostalCode { get; init; } = "34371";

    public string CountryCode { get; init; } = "TR";

    public string Phone { get; init; } = "5551234567";
}

/// <summary>A package as the simulator holds it now (a copy; changing it changes nothing).</summary>
public sealed record TrendyolPackageView(
    long Id,
    string OrderNumber,
    string Status,
    IReadOnlyList<TrendyolLineView> Lines,
    long CargoTrackingNumber,
    string? CargoSenderNumber,
    string? ProviderCode,
    string? InvoiceNumber,
    IReadOnlyList<long> OriginPackageIds);

public sealed record TrendyolLineView(long LineId, string Barcode, string MerchantSku, int Quantity);

// What the simulator was asked to do, in order: tests count these to prove a call was made once.

/// <summary>An accepted package status update (Picking / Invoiced).</summary>
public sealed record TrendyolStatusUpdate(long PackageId, string Status, string? InvoiceNumber);

/// <summary>An accepted tracking push (<c>tracking-details</c>).</summary>
public sealed record TrendyolTrackingUpdate(long PackageId, string CargoSenderNumber, string ProviderCode);

/// <summary>An accepted unsupply call.</summary>
public sealed record TrendyolUnsupplyRecord(long PackageId, IReadOnlyList<TrendyolLineQuantity> Lines, int ReasonId);

public sealed record TrendyolLineQuantity(long LineId, int Quantity);

/// <summary>An accepted price-and-inventory request.</summary>
public sealed record TrendyolStockRequest(string BatchRequestId, IReadOnlyList<TrendyolStockItem> Items);

public sealed record TrendyolStockItem(string Barcode, int? Quantity);

/// <summary>A list call as the simulator understood it (dates after defaults were applied).</summary>
public sealed record TrendyolListQuery(DateTimeOffset? From, DateTimeOffset? To, int Page, int Size, string? OrderNumber);

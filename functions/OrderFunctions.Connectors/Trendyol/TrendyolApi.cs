using System.Globalization;

namespace OrderFunctions.Connectors.Trendyol;

/// <summary>The Seller API's paths and documented limits (reference A), in one place.</summary>
internal static class TrendyolApi
{
    public const int MaxPageSize = 200;

    /// <summary>getShipmentPackages pages through at most the first 10,000 records of a query (page 0–49 at size 200).</summary>
    public const int MaxQueryWindowRecords = 10_000;

    public const int MaxStockItemsPerRequest = 1000;

    /// <summary>"You can add at most 20 thousand units of stock for a product."</summary>
    public const int MaxStockQuantity = 20_000;

    /// <summary>A start/end date range may span at most 2 weeks.</summary>
    public static readonly TimeSpan MaxDateRange = TimeSpan.FromDays(14);

    /// <summary>Orders can be queried 3 months back; we stay a day inside that.</summary>
    public static readonly TimeSpan QueryableHistory = TimeSpan.FromDays(89);

    /// <summary>An identical price-and-inventory request within 15 minutes is rejected.</summary>
    public static readonly TimeSpan SameStockRequestWindow = TimeSpan.FromMinutes(15);

    /// <summary><c>orderDate</c> is epoch ms "in GMT+3": Istanbul wall-clock time written as if it were UTC.</summary>
    public static readonly TimeSpan OrderDateShift = TimeSpan.FromHours(3);

    public static string Packages(long sellerId) => Invariant($"integration/order/sellers/{sellerId}/orders");

    public static string Package(long sellerId, long packageId) => Invariant($"integration/order/sellers/{sellerId}/shipment-packages/{packageId}");

    public static string TrackingDetails(long sellerId, long packageId) => Package(sellerId, packageId) + "/tracking-details";

    public static string Unsupplied(long sellerId, long packageId) => Package(sellerId, packageId) + "/items/unsupplied";

    public static string PriceAndInventory(long sellerId) => Invariant($"integration/inventory/sellers/{sellerId}/products/price-and-inventory");

    /// <summary>The rate-limit bucket of a request: method and path with the numeric ids (seller, package) blanked,
    /// so every package update counts against the same endpoint, as Trendyol counts them.</summary>
    public static string EndpointOf(string method, string path) =>
        method + " " + string.Join('/', path.Split('/').Select(s => s.Length > 0 && s.All(char.IsAsciiDigit) ? "*" : s));

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

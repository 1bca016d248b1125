using Microsoft.Extensions.Logging;

namespace OrderFunctions.Connectors.Trendyol;

/// <summary>Source-generated log messages of the Trendyol connector (event ids 4100–4199). No credentials, no payloads.</summary>
internal static partial class TrendyolLog
{
    [LoggerMessage(4101, LogLevel.Warning, "Trendyol seller {SellerId}: changes before {Earliest:o} are beyond the 3 months Trendyol can be queried; listing from there")]
    public static partial void HistoryClamped(ILogger logger, long sellerId, DateTimeOffset earliest);

    [LoggerMessage(4102, LogLevel.Information, "Trendyol seller {SellerId}: {Total} packages changed in one window, more than Trendyol pages through; halving the window")]
    public static partial void WindowHalved(ILogger logger, long sellerId, long total);

    [LoggerMessage(4103, LogLevel.Information, "Trendyol order {OrderId}: package {PackageId} moved to {Status}")]
    public static partial void PackageMoved(ILogger logger, string orderId, long packageId, string status);

    [LoggerMessage(4112, LogLevel.Information, "Trendyol order {OrderId}: a package moved on since the listing read it; acknowledging from a fresh read")]
    public static partial void ListedPackagesStale(ILogger logger, string orderId);

    [LoggerMessage(4104, LogLevel.Debug, "Trendyol order {OrderId}: package {PackageId} is {Status}; nothing to acknowledge")]
    public static partial void AcknowledgeSkipped(ILogger logger, string orderId, long packageId, string status);

    [LoggerMessage(4105, LogLevel.Information, "Trendyol order {OrderId}: tracking sent for package {PackageId} with provider {ProviderCode}")]
    public static partial void TrackingSent(ILogger logger, string orderId, long packageId, string providerCode);

    [LoggerMessage(4106, LogLevel.Debug, "Trendyol order {OrderId}: package {PackageId} already holds this tracking code (its own or Trendyol's label); not sent again")]
    public static partial void TrackingSkipped(ILogger logger, string orderId, long packageId);

    [LoggerMessage(4107, LogLevel.Information, "Trendyol order {OrderId}: {Count} line(s) of package {PackageId} marked unsupplied (reason {ReasonId})")]
    public static partial void LinesUnsupplied(ILogger logger, string orderId, long packageId, int count, int reasonId);

    [LoggerMessage(4108, LogLevel.Debug, "Trendyol order {OrderId}: line {LineId} is already cancelled; skipped")]
    public static partial void CancelSkipped(ILogger logger, string orderId, string lineId);

    [LoggerMessage(4109, LogLevel.Information, "Trendyol seller {SellerId}: stock of {Count} barcode(s) sent as batch {BatchRequestId}")]
    public static partial void StockSent(ILogger logger, long sellerId, int count, string? batchRequestId);

    [LoggerMessage(4110, LogLevel.Information, "Trendyol seller {SellerId}: the same stock request for {Count} barcode(s) was sent less than 15 minutes ago; not sent again")]
    public static partial void StockAlreadySent(ILogger logger, long sellerId, int count);

    [LoggerMessage(4111, LogLevel.Warning, "Trendyol seller {SellerId}: stock {Quantity} for barcode {Barcode} is outside 0–20000; sent as {Sent}")]
    public static partial void StockClamped(ILogger logger, long sellerId, string barcode, int quantity, int sent);
}

using Microsoft.Extensions.Logging;

namespace OrderFunctions.Connectors.Bol;

/// <summary>Source-generated log messages of the bol.com connector (event ids 4200–4299). No tokens, no payloads.</summary>
internal static partial class BolLog
{
    [LoggerMessage(4201, LogLevel.Information, "bol order {OrderId}: shipment of {Count} item(s) accepted as process {ProcessId} ({Status})")]
    public static partial void ShipmentSent(ILogger logger, string orderId, int count, string processId, string status);

    [LoggerMessage(4202, LogLevel.Information, "bol order {OrderId}: a shipment is already {Status} as process {ProcessId}; not sent again")]
    public static partial void ShipmentInProgress(ILogger logger, string orderId, string processId, string status);

    [LoggerMessage(4203, LogLevel.Debug, "bol order {OrderId}: every item is already shipped; nothing to send")]
    public static partial void AlreadyShipped(ILogger logger, string orderId);

    [LoggerMessage(4204, LogLevel.Information, "bol order {OrderId}: item {OrderItemId} cancelled with {ReasonCode} (process {ProcessId})")]
    public static partial void ItemCancelled(ILogger logger, string orderId, string orderItemId, string reasonCode, string processId);

    [LoggerMessage(4205, LogLevel.Debug, "bol order {OrderId}: item {OrderItemId} has nothing open; not cancelled again")]
    public static partial void CancelSkipped(ILogger logger, string orderId, string orderItemId);

    [LoggerMessage(4206, LogLevel.Information, "bol: stock of offer {OfferId} set to {Amount}")]
    public static partial void StockSet(ILogger logger, string offerId, int amount);

    [LoggerMessage(4207, LogLevel.Debug, "bol: stock of offer {OfferId} is already {Amount}; not sent")]
    public static partial void StockUnchanged(ILogger logger, string offerId, int amount);

    [LoggerMessage(4208, LogLevel.Information, "bol: no offer fulfilled by the retailer has reference or EAN {Sku}; stock not set")]
    public static partial void NoOffer(ILogger logger, string sku);

    [LoggerMessage(4209, LogLevel.Warning, "bol: changes before {Earliest:o} are beyond the 3 months bol can be queried; listing from there")]
    public static partial void HistoryClamped(ILogger logger, DateTimeOffset earliest);

    [LoggerMessage(4210, LogLevel.Warning, "bol order {OrderId}: item {OrderItemId} is cancelled as a whole; bol cannot cancel part of an item ({Quantity} of {Open} asked)")]
    public static partial void WholeItemCancelled(ILogger logger, string orderId, string orderItemId, int quantity, int open);
}

using Microsoft.Extensions.Logging;

namespace OrderFunctions.Connectors.Shopify;

internal static partial class ShopifyLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "shopify: the create of order {OrderKey} failed ({Reason}) but the shop had stored it as {ShopOrderId}; using that one")]
    public static partial void CreateAnswerLost(ILogger logger, string orderKey, string reason, string shopOrderId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "shopify: {Count} orders carry order key {OrderKey}; using the oldest, {ShopOrderId}")]
    public static partial void SeveralOrdersForKey(ILogger logger, int count, string orderKey, string shopOrderId);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Information, Message = "shopify: {Operation} was throttled (cost {Requested}, {Available} available); waiting {Wait}")]
    public static partial void Throttled(ILogger logger, string operation, int requested, double available, TimeSpan wait);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Warning, Message = "shopify: API version {Pinned} is no longer supported; Shopify answered with {Served}. Pin a supported version in the integration.")]
    public static partial void VersionFellForward(ILogger logger, string pinned, string served);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Information, Message = "shopify: the cancel job of {ShopOrderId} was still running after {Polls} checks; Shopify will complete it")]
    public static partial void CancelStillRunning(ILogger logger, string shopOrderId, int polls);
}

using Microsoft.Extensions.Logging;

namespace OrderFunctions.Connectors.WooCommerce;

internal static partial class WooCommerceLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "woocommerce: the create of order {OrderKey} failed ({Reason}) but the shop had stored it as order {ShopOrderId}; using that one")]
    public static partial void CreateAnswerLost(ILogger logger, string orderKey, string reason, string shopOrderId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "woocommerce: {Count} orders carry order key {OrderKey}; using the oldest, {ShopOrderId}")]
    public static partial void SeveralOrdersForKey(ILogger logger, int count, string orderKey, string shopOrderId);
}

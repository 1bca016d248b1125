namespace OrderFunctions.App.Api.Webhooks;

// Webhook lines name the integration, the platform and what was wrong — never the body, a header value or a secret.
internal static partial class WebhookLog
{
    [LoggerMessage(5101, LogLevel.Warning, "Webhook from {Platform} for integration {IntegrationId} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string platform, string integrationId, string reason);

    [LoggerMessage(5102, LogLevel.Information, "Webhook delivery {DeliveryId} from {Platform} for integration {IntegrationId} was handled before; ignored")]
    public static partial void Duplicate(ILogger logger, string platform, string integrationId, string deliveryId);

    [LoggerMessage(5103, LogLevel.Information, "Webhook delivery {DeliveryId} from {Platform} for integration {IntegrationId}: {Outcome}")]
    public static partial void Handled(ILogger logger, string platform, string integrationId, string deliveryId, string outcome);

    [LoggerMessage(5104, LogLevel.Error, "Webhook from {Platform} for integration {IntegrationId} cannot be verified: {Problem}")]
    public static partial void CannotVerify(ILogger logger, string platform, string integrationId, string problem);

    [LoggerMessage(5105, LogLevel.Information, "WooCommerce webhook ping for integration {IntegrationId} accepted")]
    public static partial void Ping(ILogger logger, string integrationId);
}

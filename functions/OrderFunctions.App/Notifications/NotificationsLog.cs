using Microsoft.Extensions.Logging;

namespace OrderFunctions.App.Notifications;

/// <summary>Log lines of email notifications. They name messages and operations by id only: never an address, a
/// mail body, an access key or a token.</summary>
internal static partial class NotificationsLog
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Email {MessageId} accepted by ACS as operation {OperationId}.")]
    public static partial void EmailAccepted(ILogger logger, string messageId, string operationId);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Email {MessageId} was already accepted by ACS as operation {OperationId} (status {Status}); not sending it again.")]
    public static partial void EmailAlreadyAccepted(ILogger logger, string messageId, string operationId, string status);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Email {MessageId} sent: ACS operation {OperationId} succeeded.")]
    public static partial void EmailSucceeded(ILogger logger, string messageId, string operationId);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Email {MessageId} failed: ACS operation {OperationId} answered {Status} with error code {ErrorCode}.")]
    public static partial void EmailFailed(ILogger logger, string messageId, string operationId, int status, string? errorCode);

    [LoggerMessage(EventId = 5105, Level = LogLevel.Debug, Message = "ACS operation {OperationId} is {Status}; polling again in {Delay}.")]
    public static partial void OperationPending(ILogger logger, string operationId, string status, TimeSpan delay);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Information, Message = "Email {MessageId} written to {Path}.")]
    public static partial void EmailWritten(ILogger logger, string messageId, string path);

    [LoggerMessage(EventId = 5107, Level = LogLevel.Information, Message = "Notification {MessageId} not sent: notifications are disabled (Notifications__Mode is Disabled).")]
    public static partial void EmailDisabled(ILogger logger, string messageId);

    [LoggerMessage(EventId = 5108, Level = LogLevel.Information, Message = "Notification {MessageId}: {Count} new order(s) of integration {IntegrationId} collected for the next digest.")]
    public static partial void NewOrdersCollected(ILogger logger, string messageId, int count, string integrationId);
}

using Microsoft.Extensions.Logging;

namespace OrderFunctions.App.Notifications.Email;

/// <summary><c>Notifications:Mode = Disabled</c>: mails are rendered but not delivered; each one leaves a log line, so
/// nothing disappears without a trace.</summary>
internal sealed class DisabledEmailSender(ILogger<DisabledEmailSender> logger) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        NotificationsLog.EmailDisabled(logger, message.Id);
        return Task.CompletedTask;
    }
}

namespace OrderFunctions.App.Notifications.Email;

/// <summary>
/// Delivers a rendered mail: Azure Communication Services in Azure, an <c>.eml</c> file locally, or nothing when
/// notifications are disabled. Sending the same <see cref="EmailMessage.Id"/> twice must not produce two mails.
/// A failure throws, so the queue message that asked for the mail is retried and finally lands in the poison queue.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

using Azure;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Notifications.Email;

namespace OrderFunctions.App.Notifications.Acs;

/// <summary>
/// Sends mails through ACS at most once per <see cref="EmailMessage.Id"/>: the send's <c>Operation-Id</c> is derived
/// from the message id (with sender and recipients), and before sending the operation is looked up; if ACS already
/// knows it (a queue message redelivered after a crash between send and delete), the mail is not sent again, only
/// followed to its end. Retries of the send request itself carry the same <c>Operation-Id</c>.
/// </summary>
internal sealed class AcsEmailSender : IEmailSender
{
    private readonly AcsEmailClient _client;
    private readonly string _senderAddress;
    private readonly ILogger<AcsEmailSender> _logger;

    public AcsEmailSender(AcsEmailClient client, string senderAddress, ILogger<AcsEmailSender> logger)
    {
        _client = client;
        _senderAddress = senderAddress;
        _logger = logger;
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var operationId = OperationIdFor(_senderAddress, message);

        var acceptedId = operationId.ToString("D");
        try
        {
            var existing = await _client.GetOperationAsync(acceptedId, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                NotificationsLog.EmailAlreadyAccepted(_logger, message.Id, existing.Id, existing.Status);
                acceptedId = existing.Id;
            }
            else
            {
                var started = await _client.StartSendAsync(_senderAddress, message, operationId, cancellationToken).ConfigureAwait(false);
                NotificationsLog.EmailAccepted(_logger, message.Id, started.Id);
                acceptedId = started.Id;
            }

            await _client.WaitForCompletionAsync(acceptedId, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e)
        {
            NotificationsLog.EmailFailed(_logger, message.Id, acceptedId, e.Status, e.ErrorCode);
            throw;
        }

        NotificationsLog.EmailSucceeded(_logger, message.Id, acceptedId);
    }

    /// <summary>The same notification to the same mailboxes from the same sender is one operation; a different
    /// deployment sharing the ACS resource (another sender or recipient) cannot collide with it.</summary>
    internal static Guid OperationIdFor(string senderAddress, EmailMessage message)
    {
        var recipients = string.Join(',', message.To.Select(a => a.Address.Trim().ToUpperInvariant()).Order(StringComparer.Ordinal));
        return StableUuid.For($"acs-email\n{senderAddress.Trim().ToUpperInvariant()}\n{recipients}\n{message.Id}");
    }
}

using Microsoft.Extensions.Options;
using OrderFunctions.App.Notifications.Email;
using OrderFunctions.App.Notifications.Rendering;

namespace OrderFunctions.App.Notifications.Digests;

/// <summary>
/// Handles a <see cref="DigestFlushMessage"/>: closes the window, renders its one digest, sends it, then deletes the
/// window's rows. A failure throws before the rows are deleted, so the queue retries the whole flush; the digest's
/// message id is stable, so a retry after a send that did go out does not mail twice.
/// </summary>
public sealed class NewOrdersDigestSender
{
    private readonly NewOrdersDigestOutbox _outbox;
    private readonly NotificationRenderer _renderer;
    private readonly IEmailSender _sender;
    private readonly NotificationOptions _options;

    public NewOrdersDigestSender(NewOrdersDigestOutbox outbox, NotificationRenderer renderer, IEmailSender sender, IOptions<NotificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _outbox = outbox;
        _renderer = renderer;
        _sender = sender;
        _options = options.Value;
    }

    /// <param name="flushId">The flush message's queue id: the same on every redelivery, so a retry carries on the
    /// flush it began, while another flush message for the same window leaves it alone.</param>
    public async Task HandleAsync(DigestFlushMessage flush, string flushId, CancellationToken cancellationToken)
    {
        var collected = await _outbox.CollectAsync(flush, flushId, cancellationToken).ConfigureAwait(false);
        if (collected is null)
        {
            return;
        }

        var mail = _renderer.RenderNewOrders(collected.Digest, _options.RecipientsFor(collected.Recipient));
        await _sender.SendAsync(mail, cancellationToken).ConfigureAwait(false);
        await _outbox.CompleteAsync(collected.Digest, cancellationToken).ConfigureAwait(false);
    }
}

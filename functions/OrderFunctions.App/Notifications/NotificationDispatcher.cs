using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderFunctions.App.Notifications.Digests;
using OrderFunctions.App.Notifications.Email;
using OrderFunctions.App.Notifications.Rendering;
using OrderFunctions.Workflow.Messaging;

namespace OrderFunctions.App.Notifications;

/// <summary>
/// Turns one message of the workflow's notification outbox (<see cref="NotificationMessage"/>, version 1) into mail:
/// <c>order-error</c> is rendered and sent at once under the message's own id (so a notification queued twice is
/// mailed once); <c>new-orders</c> goes into the integration's digest window (<see cref="NewOrdersDigestOutbox"/>),
/// which mails one digest per interval. With notifications disabled, each message leaves a log line and nothing else.
/// </summary>
public sealed class NotificationDispatcher
{
    private readonly NotificationRenderer _renderer;
    private readonly IEmailSender _sender;
    private readonly NewOrdersDigestOutbox _digests;
    private readonly NotificationOptions _options;
    private readonly ILogger<NotificationDispatcher> _logger;

    public NotificationDispatcher(NotificationRenderer renderer, IEmailSender sender, NewOrdersDigestOutbox digests, IOptions<NotificationOptions> options, ILogger<NotificationDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _renderer = renderer;
        _sender = sender;
        _digests = digests;
        _options = options.Value;
        _logger = logger;
    }

    public async Task HandleAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_options.Mode == NotificationMode.Disabled)
        {
            NotificationsLog.EmailDisabled(_logger, message.Id);
            return;
        }

        switch (message.Kind)
        {
            case NotificationKinds.OrderError:
                var mail = _renderer.RenderOrderError(ToNotice(message), _options.RecipientsFor(message.Recipient));
                await _sender.SendAsync(mail, cancellationToken).ConfigureAwait(false);
                break;

            case NotificationKinds.NewOrders:
                var orders = message.Orders ?? throw new FormatException($"Notification {message.Id}: a new-orders notification needs 'orders'.");
                await _digests.RecordAsync(
                    message.IntegrationId,
                    message.IntegrationName,
                    message.Recipient,
                    [.. orders.Select(o => new DigestOrder(o.MarketplaceOrderId, o.CustomerName, o.Total, o.Currency, o.Status))],
                    cancellationToken).ConfigureAwait(false);
                NotificationsLog.NewOrdersCollected(_logger, message.Id, orders.Count, message.IntegrationId);
                break;

            default:
                throw new FormatException($"Notification {message.Id}: 'kind' must be {NotificationKinds.NewOrders} or {NotificationKinds.OrderError}.");
        }
    }

    private static OrderErrorNotice ToNotice(NotificationMessage message)
    {
        var error = message.Error ?? throw new FormatException($"Notification {message.Id}: an order-error notification needs 'error'.");
        return new OrderErrorNotice
        {
            Id = message.Id,
            IntegrationId = message.IntegrationId,
            IntegrationName = message.IntegrationName,
            MarketplaceOrderId = error.MarketplaceOrderId,
            Kind = error.ErrorKind switch
            {
                "failed" => OrderErrorKind.Failed,
                "unmapped-status" => OrderErrorKind.UnmappedStatus,
                "mapping-inactive" => OrderErrorKind.MappingInactive,
                _ => throw new FormatException($"Notification {message.Id}: 'error.errorKind' must be failed, unmapped-status or mapping-inactive."),
            },
            State = error.State,
            FailedFrom = error.FailedFrom,
            Reason = error.Reason,
            Attempts = error.Attempts,
            OccurredAt = message.OccurredAt,
        };
    }
}

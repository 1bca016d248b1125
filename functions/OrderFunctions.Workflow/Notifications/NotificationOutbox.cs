using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.Workflow.Notifications;

/// <summary>Builds the notification messages (seed 001): ids are derived from what they report, so a notification
/// queued twice is recognisably the same one.</summary>
public static class NotificationOutbox
{
    /// <summary>The order in error. <paramref name="historySequence"/> is the sequence number of the history row of the
    /// decision that reported it: the same decision re-made after a crash gets the same number, a later failure another.</summary>
    public static NotificationMessage OrderError(Integration integration, OrderState state, NotifyOrderError error, long historySequence, DateTimeOffset now) => new()
    {
        Id = $"{state.Key.Value}|error|{historySequence}",
        Kind = NotificationKinds.OrderError,
        IntegrationId = integration.Id,
        IntegrationName = integration.DisplayName,
        Recipient = integration.Settings.NotificationEmail,
        OccurredAt = now,
        Error = new OrderErrorEntry(
            state.Key.Value,
            state.Key.MarketplaceOrderId,
            error.Kind switch
            {
                OrderErrorKind.UnmappedStatus => "unmapped-status",
                OrderErrorKind.MappingInactive => "mapping-inactive",
                _ => "failed",
            },
            state.Describe(),
            state.FailedFrom?.ToString(),
            error.Reason,
            state.FailedAttempts),
    };

    /// <summary>Orders per <c>new-orders</c> message: keeps a message well under the queue's 64 KiB.</summary>
    public const int MaxOrdersPerMessage = 100;

    /// <summary>The orders one poll received, in messages of at most <see cref="MaxOrdersPerMessage"/> orders (ids
    /// <c>…|new-orders|{run}</c>, then <c>…|{run}|2</c>, …); none when nothing was received or the integration does not
    /// want them.</summary>
    public static IReadOnlyList<NotificationMessage> NewOrders(Integration integration, string pollRun, IReadOnlyCollection<OrderState> received, DateTimeOffset now)
    {
        if (received.Count == 0 || !integration.Settings.NotifyNewOrders)
        {
            return [];
        }

        var entries = received
            .OrderBy(o => o.MarketplaceOrder.PlacedAt)
            .ThenBy(o => o.Key.Value, StringComparer.Ordinal)
            .Select(o => new NewOrderEntry(
                o.Key.Value,
                o.Key.MarketplaceOrderId,
                $"{o.MarketplaceOrder.Customer.FirstName} {o.MarketplaceOrder.Customer.LastName}".Trim(),
                o.MarketplaceOrder.TotalPrice,
                o.MarketplaceOrder.Currency,
                o.MarketplaceOrder.Status))
            .Chunk(MaxOrdersPerMessage)
            .Select((chunk, part) => new NotificationMessage
            {
                Id = part == 0 ? $"{integration.Id}|new-orders|{pollRun}" : $"{integration.Id}|new-orders|{pollRun}|{part + 1}",
                Kind = NotificationKinds.NewOrders,
                IntegrationId = integration.Id,
                IntegrationName = integration.DisplayName,
                Recipient = integration.Settings.NotificationEmail,
                OccurredAt = now,
                Orders = chunk,
            })
            .ToList();
        return entries;
    }
}

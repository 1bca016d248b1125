using System.Text.Json.Serialization;

namespace OrderFunctions.Workflow.Messaging;

/// <summary>
/// The notification outbox contract (version 1): one message on the <c>notifications</c> queue per thing to tell the
/// merchant (seed 001 "order notifications"). The workflow only queues them; the mail sender renders and delivers.
/// <para>
/// <see cref="Id"/> is an idempotency key: the same notification may be queued more than once (a re-delivered step, two
/// instances racing), always with the same id and content, so the sender delivers each id once.
/// </para>
/// <list type="bullet">
/// <item><c>new-orders</c>: the orders one poll of one integration received (<see cref="Orders"/>); one message per
/// poll, not per order — the sender may further gather them into a digest per interval.
/// Id: <c>{integrationId}|new-orders|{pollRun}</c>.</item>
/// <item><c>order-error</c>: one order is held without an active mapping or has failed (<see cref="Error"/>); sent
/// promptly. Id: <c>{orderKey}|error|{historySequence}</c>.</item>
/// </list>
/// <see cref="Recipient"/> is the integration's notification address, or null for the deployment's default recipient.
/// </summary>
public sealed record NotificationMessage
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    public required string Id { get; init; }

    /// <summary>One of <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; init; }

    public required string IntegrationId { get; init; }

    public required string IntegrationName { get; init; }

    public string? Recipient { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Set for <see cref="NotificationKinds.NewOrders"/>.</summary>
    public IReadOnlyList<NewOrderEntry>? Orders { get; init; }

    /// <summary>Set for <see cref="NotificationKinds.OrderError"/>.</summary>
    public OrderErrorEntry? Error { get; init; }
}

public static class NotificationKinds
{
    public const string NewOrders = "new-orders";

    public const string OrderError = "order-error";
}

/// <summary>One received order in a <c>new-orders</c> notification.</summary>
public sealed record NewOrderEntry(string OrderKey, string MarketplaceOrderId, string CustomerName, decimal Total, string Currency, string Status);

/// <summary>The order in error. <see cref="ErrorKind"/>: <c>unmapped-status</c>, <c>mapping-inactive</c> or <c>failed</c>;
/// <see cref="State"/> the order's state after the decision (e.g. <c>Held:UnmappedStatus</c>, <c>Failed</c>) and
/// <see cref="FailedFrom"/> where it failed; <see cref="Reason"/> never holds a secret or a payload.</summary>
public sealed record OrderErrorEntry(
    string OrderKey,
    string MarketplaceOrderId,
    string ErrorKind,
    string State,
    string? FailedFrom,
    string Reason,
    int Attempts);

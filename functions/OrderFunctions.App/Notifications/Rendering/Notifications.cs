namespace OrderFunctions.App.Notifications.Rendering;

/// <summary>"New orders" of one integration in one digest window (seed 001 "Newly Added Orders"): one mail per
/// integration per window instead of one per order.</summary>
public sealed record NewOrdersDigest
{
    public required string IntegrationId { get; init; }

    public required string IntegrationName { get; init; }

    public required DigestWindow Window { get; init; }

    public required IReadOnlyList<DigestOrder> Orders { get; init; }
}

/// <summary>One row of the digest table.</summary>
public sealed record DigestOrder(string MarketplaceOrderId, string CustomerName, decimal Total, string Currency, string Status);

/// <summary>Why an order needs the operator (the workflow's <c>errorKind</c>).</summary>
public enum OrderErrorKind
{
    /// <summary>A step exhausted its retries or hit a permanent error: the order is Failed (DESIGN §4.7).</summary>
    Failed,

    /// <summary>The order is held: its marketplace status has no row in the integration's status map.</summary>
    UnmappedStatus,

    /// <summary>The order is held: the status map row for its status is inactive.</summary>
    MappingInactive,
}

/// <summary>An order in error (seed 001 "Orders in Error Status"): failed, or held for want of an active mapping.</summary>
public sealed record OrderErrorNotice
{
    /// <summary>The notification's stable id (from the workflow: one per decision that reported it), used as the
    /// mail's id so a notification queued twice is mailed once.</summary>
    public required string Id { get; init; }

    public required string IntegrationId { get; init; }

    public required string IntegrationName { get; init; }

    public required string MarketplaceOrderId { get; init; }

    public required OrderErrorKind Kind { get; init; }

    /// <summary>The order's state after the decision, e.g. <c>Failed</c> or <c>Held:UnmappedStatus</c>.</summary>
    public required string State { get; init; }

    /// <summary>For a failure: the state the order failed in, e.g. <c>Transferred</c>.</summary>
    public string? FailedFrom { get; init; }

    /// <summary>Why, as the workflow recorded it (a connector's error text: no secrets or payloads by construction).</summary>
    public required string Reason { get; init; }

    public required int Attempts { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }
}

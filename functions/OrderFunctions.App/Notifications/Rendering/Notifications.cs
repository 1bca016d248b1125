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

/// <summary>An order whose workflow step exhausted its retries and is now Failed (DESIGN §4.7, seed 001 "Orders in
/// Error Status"). <see cref="FailedAt"/> tells this failure from a later one of the same order after a re-sync.</summary>
public sealed record OrderErrorNotice
{
    public required string IntegrationId { get; init; }

    public required string IntegrationName { get; init; }

    public required string MarketplaceOrderId { get; init; }

    /// <summary>The workflow state the order was in when the step failed, e.g. <c>Transferring</c>.</summary>
    public required string State { get; init; }

    /// <summary>Why, as the workflow recorded it (a connector's error text: no secrets by construction).</summary>
    public required string Reason { get; init; }

    public required int Attempts { get; init; }

    public required DateTimeOffset FailedAt { get; init; }
}

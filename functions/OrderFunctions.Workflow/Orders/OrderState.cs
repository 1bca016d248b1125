using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Orders;

/// <summary>
/// Everything the hub knows about one order: where it stands (<see cref="Status"/>) and the facts the decisions are
/// made from (the marketplace's last snapshot, the shop order, what the hub already did). Immutable: only
/// <see cref="OrderDecider"/> produces new states. Persistence concerns (ETag, lease, history sequence) live in
/// <see cref="Storage.StoredOrder"/>, not here.
/// </summary>
public sealed record OrderState
{
    public required OrderKey Key { get; init; }

    /// <summary>The marketplace kind (<see cref="Marketplaces.MarketplaceCatalog"/>), e.g. <c>trendyol</c>.</summary>
    public required string Marketplace { get; init; }

    public required OrderStatus Status { get; init; }

    /// <summary>Set exactly when <see cref="Status"/> is <see cref="OrderStatus.Held"/>.</summary>
    public HoldReason? HoldReason { get; init; }

    /// <summary>The last snapshot that mattered (changes that matter to no decision are not stored: see
    /// <see cref="OrderDecider"/>). Lines, addresses and package ids are what the shop order and the shipment are built from.</summary>
    public required MarketplaceOrder MarketplaceOrder { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the hub next owes this order an action on its own (a pending effect, a deadline, a progress
    /// check); null when it waits for the outside world. The sweeper re-drives orders whose time has passed.</summary>
    public DateTimeOffset? NextActionAt { get; init; }

    // What the hub did or saw on the marketplace.

    /// <summary>The order is acknowledged on the marketplace (by the hub, or seen so).</summary>
    public bool Acknowledged { get; init; }

    /// <summary>The order's open lines are cancelled on the marketplace (by the hub, or seen so).</summary>
    public bool MarketplaceCancelled { get; init; }

    /// <summary>The marketplace status whose mapped shop status was last applied (or deliberately not applied), so a
    /// status is reflected once and an operator's custom status is not overwritten until the marketplace moves on.</summary>
    public string? ReflectedMarketplaceStatus { get; init; }

    // The shop order.

    public string? ShopOrderId { get; init; }

    /// <summary>The shop's status as last seen or set.</summary>
    public string? ShopStatus { get; init; }

    /// <summary>The shop status the hub itself last set; differs from <see cref="ShopStatus"/> when someone changed it in the shop.</summary>
    public string? AppliedShopStatus { get; init; }

    public DateTimeOffset? ShopModifiedAt { get; init; }

    public ShipmentTracking? Tracking { get; init; }

    public bool ShopCancelled { get; init; }

    /// <summary>Whether creating the shop order took stock (a decrease or a reservation), so cancelling it gives back
    /// exactly that. Null when not recorded (orders stored before this fact was); the integration's stock mode then decides.</summary>
    public bool? StockTaken { get; init; }

    /// <summary>The hub owed the order a shop create when it was cancelled or rejected, without knowing a shop order id:
    /// the create may have happened (a lost reply, a crash), so the cancellation looks the shop order up by key.</summary>
    public bool ShopOrderMayExist { get; init; }

    /// <summary>The shop order is the stock reservation made while the order was held (seed 002), not yet turned into
    /// the order: a marketplace cancellation releases it even when cancellations are not transferred.</summary>
    public bool ShopOrderIsReservation { get; init; }

    // Operator decisions (seed 002).

    /// <summary>The operator confirmed an order held because automatic transfer is off.</summary>
    public bool ConfirmedByOperator { get; init; }

    public CancellationReason? RejectionReason { get; init; }

    /// <summary>The operator's own label (seed 002: "CALL BACK", "SEND IN A WEEK", …).</summary>
    public string? CustomStatus { get; init; }

    // Shipping and cancellation.

    public CancellationOrigin? CancelledBy { get; init; }

    public DateTimeOffset? TrackingDeadline { get; init; }

    /// <summary>The shipment was accepted by the marketplace (done, or pending confirmation).</summary>
    public bool ShipmentPushed { get; init; }

    /// <summary>The asynchronous confirmation being awaited (bol.com process status id).</summary>
    public string? ShipmentProcessId { get; init; }

    public DateTimeOffset? ShipmentCheckAt { get; init; }

    // Failure.

    public string? FailureReason { get; init; }

    public int FailedAttempts { get; init; }

    /// <summary>The status the order failed in; a re-sync resumes from there.</summary>
    public OrderStatus? FailedFrom { get; init; }

    /// <summary>A new order, as the marketplace poll first inserts it.</summary>
    public static OrderState Receive(OrderKey key, string marketplace, MarketplaceOrder order, DateTimeOffset now) => new()
    {
        Key = key,
        Marketplace = marketplace,
        Status = OrderStatus.Received,
        MarketplaceOrder = order,
        Acknowledged = order.Acknowledged,
        ReceivedAt = now,
        UpdatedAt = now,
        NextActionAt = now,
    };

    /// <summary>"Held: unmapped status" style label for logs, history and the API.</summary>
    public string Describe() => HoldReason is { } reason ? $"{Status}:{reason}" : Status.ToString();
}

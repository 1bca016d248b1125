using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Orders;

/// <summary>
/// Something that happened to an order. Events from outside (polls, webhooks, timers, the operator, the retry policy)
/// and the outcomes of the hub's own remote effects (<see cref="OrderEffect"/>) go through the same
/// <see cref="OrderDecider.Decide"/>. Any event may arrive late, twice, or in a state where it means nothing: the
/// decision is then an explicit no-op, never an exception.
/// </summary>
public abstract record OrderEvent
{
    /// <summary>A short stable name for history rows and logs, e.g. <c>marketplace-order-seen</c>.</summary>
    public abstract string Name { get; }
}

/// <summary>A marketplace poll, webhook or re-read saw the order (new or changed).</summary>
public sealed record MarketplaceOrderSeen(MarketplaceOrder Order) : OrderEvent
{
    public override string Name => "marketplace-order-seen";
}

/// <summary>A shop poll, webhook or re-read saw the shop order (status, tracking).</summary>
public sealed record ShopOrderSeen(ShopOrder Order) : OrderEvent
{
    public override string Name => "shop-order-seen";
}

/// <summary>The tracking-code wait that started at the shop's completion ran out.</summary>
public sealed record TrackingDeadlineReached(DateTimeOffset Deadline) : OrderEvent
{
    public override string Name => "tracking-deadline-reached";
}

/// <summary>The operator confirmed an order that waits for confirmation (seed 002 "Confirm the order").</summary>
public sealed record OperatorConfirmed : OrderEvent
{
    public override string Name => "operator-confirmed";
}

/// <summary>The operator rejected the order (seed 002 "Reject the order"): cancel on both sides, release stock.</summary>
public sealed record OperatorRejected(CancellationReason Reason) : OrderEvent
{
    public override string Name => "operator-rejected";
}

/// <summary>The operator set a status of their own (seed 002 "Change the order status").</summary>
public sealed record OperatorSetCustomStatus(string Status) : OrderEvent
{
    public override string Name => "operator-set-custom-status";
}

/// <summary>The operator asked to re-sync the order: fresh reads of both sides (null when that side does not know
/// the order) and a fresh look at the status map; a Failed or Held order re-enters the flow.</summary>
public sealed record OperatorResynced(MarketplaceOrder? Marketplace, ShopOrder? Shop) : OrderEvent
{
    public override string Name => "operator-resynced";
}

/// <summary>A step gave up: its retries are exhausted, or the error is permanent (bad data).</summary>
public sealed record StepFailed(string Reason, int Attempts, bool Permanent) : OrderEvent
{
    public override string Name => "step-failed";
}

/// <summary>The sweeper found the order's <see cref="OrderState.NextActionAt"/> overdue (a lost message, a crash):
/// do whatever the order is owed now.</summary>
public sealed record OverdueOrderSwept : OrderEvent
{
    public override string Name => "overdue-order-swept";
}

// Outcomes of the hub's own effects.

public sealed record ShopOrderCreated(ShopOrder Order) : OrderEvent
{
    public override string Name => "shop-order-created";
}

public sealed record ShopStatusUpdated(string Status) : OrderEvent
{
    public override string Name => "shop-status-updated";
}

public sealed record ShopOrderCancelled : OrderEvent
{
    public override string Name => "shop-order-cancelled";
}

public sealed record MarketplaceAcknowledged : OrderEvent
{
    public override string Name => "marketplace-acknowledged";
}

public sealed record MarketplaceLinesCancelled : OrderEvent
{
    public override string Name => "marketplace-lines-cancelled";
}

/// <summary>The marketplace's answer to a shipment push or to a progress check.</summary>
public sealed record ShipmentPushed(ShipmentPushResult Result) : OrderEvent
{
    public override string Name => "shipment-pushed";
}

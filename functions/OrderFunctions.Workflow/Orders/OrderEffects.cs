using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Orders;

/// <summary>
/// A remote call the hub owes an order, performed by the executor through the ports. Each has an outcome event
/// (<see cref="OrderEvent"/>) that goes back into the decider. Every effect is safe to perform again: the ports look
/// at the remote side first (DESIGN D5, D7), and the executor holds the order's lease while it performs them.
/// </summary>
public abstract record OrderEffect
{
    public abstract string Name { get; }

    /// <summary>False for effects that only read (they need no lease: two executors reading at once is harmless).</summary>
    public virtual bool ChangesRemoteState => true;
}

/// <summary>Create the order in the shop (idempotent by order key). Outcome: <see cref="ShopOrderCreated"/>.</summary>
public sealed record CreateShopOrder(string Status, bool DecrementStock) : OrderEffect
{
    public override string Name => "create-shop-order";
}

/// <summary>Set the shop status. When <paramref name="ExpectedCurrentStatus"/> is set and the shop shows another
/// status, someone changed it meanwhile: nothing is written and the outcome is a <see cref="ShopOrderSeen"/> with the
/// shop's order, so the decision is made again on fresh facts. Otherwise the outcome is <see cref="ShopStatusUpdated"/>.</summary>
public sealed record UpdateShopStatus(string Status, string? ExpectedCurrentStatus) : OrderEffect
{
    public override string Name => "update-shop-status";
}

/// <summary>Cancel the shop order; <paramref name="Restock"/> returns its items to stock (the release of a reservation
/// or of a decrease). Outcome: <see cref="ShopOrderCancelled"/>.</summary>
public sealed record CancelShopOrder(bool Restock) : OrderEffect
{
    public override string Name => "cancel-shop-order";
}

/// <summary>Acknowledge on the marketplace ("approve on receipt"). Outcome: <see cref="MarketplaceAcknowledged"/>.</summary>
public sealed record AcknowledgeOnMarketplace : OrderEffect
{
    public override string Name => "acknowledge-on-marketplace";
}

/// <summary>Cancel the open lines on the marketplace. Outcome: <see cref="MarketplaceLinesCancelled"/>.</summary>
public sealed record CancelOnMarketplace(CancellationReason Reason) : OrderEffect
{
    public override string Name => "cancel-on-marketplace";
}

/// <summary>Push carrier and tracking (or none, after the wait) and close on the marketplace.
/// Outcome: <see cref="ShipmentPushed"/>.</summary>
public sealed record PushShipment(ShipmentTracking? Tracking) : OrderEffect
{
    public override string Name => "push-shipment";
}

/// <summary>Ask whether an asynchronous shipment confirmation is done. Outcome: <see cref="ShipmentPushed"/>.</summary>
public sealed record CheckShipmentProgress(string ProcessId) : OrderEffect
{
    public override string Name => "check-shipment-progress";

    public override bool ChangesRemoteState => false;
}

/// <summary>A queue message the decision asks for: sent by the executor before it commits, keyed so that a
/// re-sent one is recognised as the same.</summary>
public abstract record OrderMessage;

/// <summary>Deliver <paramref name="Event"/> to this order at <paramref name="DueAt"/> (a timer: a queue message with a
/// visibility delay, chained beyond 7 days). A timer that finds the order moved on is a no-op.</summary>
public sealed record ScheduleEvent(OrderEvent Event, DateTimeOffset DueAt) : OrderMessage;

/// <summary>What kind of trouble an error notification reports.</summary>
public enum OrderErrorKind
{
    UnmappedStatus,
    MappingInactive,
    Failed,
}

/// <summary>Queue an "order in error" notification (seed 001), when the integration wants them.</summary>
public sealed record NotifyOrderError(OrderErrorKind Kind, string Reason) : OrderMessage;

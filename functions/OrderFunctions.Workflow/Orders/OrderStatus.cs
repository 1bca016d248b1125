namespace OrderFunctions.Workflow.Orders;

/// <summary>Where an order stands in the workflow (DESIGN §4). Each status says what the hub owes the order next;
/// <see cref="OrderDecider"/> is the only code that moves an order from one to another.</summary>
public enum OrderStatus
{
    /// <summary>Known to the hub; its status is being checked against the status map and, if it passes, the order is
    /// being created in the shop.</summary>
    Received,

    /// <summary>Parked for the reason in <see cref="OrderState.HoldReason"/>; visible to the operator.</summary>
    Held,

    /// <summary>In the shop; the hub reflects marketplace statuses there and waits for the shop to complete it.</summary>
    Transferred,

    /// <summary>The shop completed the order without a tracking code; shipped without one at
    /// <see cref="OrderState.TrackingDeadline"/> unless the code arrives first (seed 003).</summary>
    AwaitingTracking,

    /// <summary>The shipment is being pushed to the marketplace, or the marketplace is still confirming it
    /// asynchronously (bol.com process status).</summary>
    Shipping,

    /// <summary>Shipped and confirmed on the marketplace (or seen shipped there). Later marketplace statuses such as
    /// Delivered or Returned are still reflected in the shop.</summary>
    Closed,

    /// <summary>Cancelled on one side; the hub cancels it on the other side per the integration's settings.</summary>
    Cancelled,

    /// <summary>Rejected by the operator (seed 002): cancelled on both sides, stock released.</summary>
    Rejected,

    /// <summary>A step exhausted its retries or hit a permanent error; <see cref="OrderState.FailureReason"/> says why.
    /// Only an operator re-sync (or a cancellation on the marketplace) moves it on.</summary>
    Failed,
}

/// <summary>Why an order is <see cref="OrderStatus.Held"/>.</summary>
public enum HoldReason
{
    /// <summary>The status map has no row for the order's marketplace status: never guessed.</summary>
    UnmappedStatus,

    /// <summary>The status map's row for the marketplace status is switched off.</summary>
    MappingInactive,

    /// <summary>Not paid yet (Trendyol Awaiting): only a stock reservation may be made.</summary>
    AwaitingPayment,

    /// <summary>"Automatic e-commerce order transfer" is off: the operator confirms or rejects it (seed 002).</summary>
    NotAutoTransferred,

    /// <summary>The order was first seen in a status that does not create orders (e.g. cancelled) and the map row's
    /// Process-inclusion flag is off (seed 004).</summary>
    NotIncluded,
}

/// <summary>Which side cancelled the order first.</summary>
public enum CancellationOrigin
{
    Marketplace,
    Shop,
}

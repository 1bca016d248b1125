using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;

namespace OrderFunctions.Workflow.Orders;

/// <summary>
/// What <see cref="OrderDecider.Decide"/> concluded: the new state, at most one remote <see cref="Effect"/> to perform
/// next (its outcome is decided in turn), the messages to send, and a note for the history row. A no-op
/// (<see cref="IsNoOp"/>) leaves the state exactly as it was and asks for nothing: nothing is written either.
/// </summary>
public sealed record OrderDecision
{
    public required OrderState State { get; init; }

    public OrderEffect? Effect { get; init; }

    public IReadOnlyList<OrderMessage> Messages { get; init; } = [];

    /// <summary>What happened, in words; never a payload or a secret.</summary>
    public required string Note { get; init; }

    /// <summary>The event was late, a duplicate, meant for another state, or changed nothing that matters.</summary>
    public bool IsNoOp { get; init; }

    internal static OrderDecision NoOp(OrderState state, string note) => new() { State = state, Note = note, IsNoOp = true };
}

/// <summary>Everything a decision depends on besides the state and the event: the integration's settings and status
/// map, the marketplace's fixed status list, and the time. Nothing else (no clock, no I/O, no randomness).</summary>
public sealed record DecisionContext(
    IntegrationSettings Settings,
    StatusMap StatusMap,
    MarketplaceDescriptor Marketplace,
    DateTimeOffset Now)
{
    /// <summary>How long after an asynchronous shipment push (bol.com 202 + process status) to ask for its outcome, if the
    /// marketplace has not shown the order shipped by then.</summary>
    public TimeSpan ShipmentProgressInterval { get; init; } = TimeSpan.FromMinutes(10);
}

using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Messaging;

/// <summary>Turns an order event into the step that re-delivers it later (a timer, a retry, a deferral).</summary>
public static class StepMessages
{
    public static StepMessage For(OrderKey key, OrderEvent @event, DateTimeOffset? due = null) => @event switch
    {
        MarketplaceOrderSeen => Step(key, StepKinds.MarketplaceChanged, due),
        ShopOrderSeen => Step(key, StepKinds.ShopChanged, due),
        TrackingDeadlineReached e => Step(key, StepKinds.TrackingDeadline, e.Deadline),
        OperatorConfirmed => Step(key, StepKinds.Confirm, due),
        OperatorRejected e => Step(key, StepKinds.Reject, due) with { Reason = e.Reason.ToString() },
        OperatorSetCustomStatus e => Step(key, StepKinds.SetStatus, due) with { Status = e.Status },
        OperatorResynced => Step(key, StepKinds.Resync, due),
        StepFailed e => Step(key, StepKinds.Fail, due) with { Reason = e.Reason, Attempts = e.Attempts },
        _ => Step(key, StepKinds.Drive, due),
    };

    /// <summary>The events a step stands for that need no remote read (null for those that do: marketplace-changed,
    /// shop-changed, resync).</summary>
    public static OrderEvent? ToEvent(StepMessage message) => message.Step switch
    {
        StepKinds.Drive => new OverdueOrderSwept(),
        StepKinds.TrackingDeadline when message.Due is { } due => new TrackingDeadlineReached(due),
        StepKinds.Confirm => new OperatorConfirmed(),
        StepKinds.Reject => new OperatorRejected(Enum.TryParse<CancellationReason>(message.Reason, out var reason) ? reason : CancellationReason.Other),
        StepKinds.SetStatus when !string.IsNullOrWhiteSpace(message.Status) => new OperatorSetCustomStatus(message.Status),
        StepKinds.Fail => new StepFailed(message.Reason ?? "a step gave up", message.Attempts ?? 0, Permanent: false),
        StepKinds.TrackingDeadline or StepKinds.SetStatus =>
            throw new FormatException($"The '{message.Step}' step message lacks its {(message.Step == StepKinds.SetStatus ? "'status'" : "'due'")}."),
        _ => null,
    };

    private static StepMessage Step(OrderKey key, string kind, DateTimeOffset? due) => new() { Order = key.Value, Step = kind, Due = due };
}

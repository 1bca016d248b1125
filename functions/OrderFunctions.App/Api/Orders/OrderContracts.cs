using OrderFunctions.Workflow.Operations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Api.Orders;

/// <summary>One order as the operator's lists show it (seed 002's tabs).</summary>
internal sealed record OrderSummary(
    string Key,
    string IntegrationId,
    string MarketplaceOrderId,
    string Marketplace,
    OrderStatus Status,
    HoldReason? HoldReason,
    string MarketplaceStatus,
    string? ShopOrderId,
    string? ShopStatus,
    string? CustomStatus,
    string? TrackingCode,
    string? FailureReason,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextActionAt)
{
    public static OrderSummary From(OrderState state) => new(
        state.Key.Value,
        state.Key.IntegrationId,
        state.Key.MarketplaceOrderId,
        state.Marketplace,
        state.Status,
        state.HoldReason,
        state.MarketplaceOrder.Status,
        state.ShopOrderId,
        state.ShopStatus,
        state.CustomStatus,
        state.Tracking?.Code ?? state.MarketplaceOrder.TrackingCode,
        state.FailureReason,
        state.ReceivedAt,
        state.UpdatedAt,
        state.NextActionAt);
}

internal sealed record OrderList(IReadOnlyList<OrderSummary> Items, string? ContinuationToken);

internal sealed record OrderCounts(string IntegrationId, int Total, IReadOnlyDictionary<OrderStatus, int> ByStatus);

/// <summary>One order in full: its summary, the marketplace order as last seen, and every transition, oldest first.</summary>
internal sealed record OrderDetailsView(OrderSummary Order, MarketplaceOrder MarketplaceOrder, IReadOnlyList<OrderHistoryEntry> History)
{
    public static OrderDetailsView From(OrderDetails details) =>
        new(OrderSummary.From(details.State), details.State.MarketplaceOrder, details.History);
}

/// <summary>What an operator action did: applied, a no-op (with the reason), queued for retry, or the order failed.</summary>
internal sealed record OrderActionResult(ExecutionOutcome Outcome, string Note, OrderSummary? Order)
{
    public static OrderActionResult From(ExecutionResult result) =>
        new(result.Outcome, result.Note, result.State is { } state ? OrderSummary.From(state) : null);
}

internal sealed record RejectOrderInput(CancellationReason? Reason);

internal sealed record CustomStatusInput(string? Status);

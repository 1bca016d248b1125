using OrderFunctions.App.Api.Orders;
using OrderFunctions.App.Api.Problems;
using OrderFunctions.Workflow.Operations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Api.Operations;

// Operator actions on one order (issue 5 §2, seed 002). Each runs the workflow at once: 200 with what happened and
// the order afterwards (an action the order's state does not allow is outcome NoOp with the reason, not an error),
// 202 when a platform could not be reached and the action was queued for retry, 404 for an unknown order.

/// <summary>Base of the order actions: the route's order, one call, the result mapped.</summary>
internal abstract class OrderActionFunction : ApiFunction
{
    protected sealed override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var key = OrderRoute.Key(request);
        var result = await RunAsync(request, key, cancellationToken);
        return result.Outcome switch
        {
            ExecutionOutcome.Unknown when result.State is null => throw OrderRoute.NotFound(key),
            ExecutionOutcome.RetryScheduled or ExecutionOutcome.Deferred => Json(request, OrderActionResult.From(result), StatusCodes.Status202Accepted),
            _ => Json(request, OrderActionResult.From(result)),
        };
    }

    protected abstract Task<ExecutionResult> RunAsync(ApiRequest request, OrderKey key, CancellationToken cancellationToken);
}

/// <summary><c>POST …/orders/{orderId}/resync</c>: read both sides again and move the order on (Failed and Held
/// orders re-enter the flow).</summary>
internal sealed class ResyncOrderFunction(OrderOperations operations) : OrderActionFunction
{
    protected override Task<ExecutionResult> RunAsync(ApiRequest request, OrderKey key, CancellationToken cancellationToken) =>
        operations.ResyncAsync(key, cancellationToken);
}

/// <summary><c>POST …/orders/{orderId}/confirm</c></summary>
internal sealed class ConfirmOrderFunction(OrderOperations operations) : OrderActionFunction
{
    protected override Task<ExecutionResult> RunAsync(ApiRequest request, OrderKey key, CancellationToken cancellationToken) =>
        operations.ConfirmAsync(key, cancellationToken);
}

/// <summary><c>POST …/orders/{orderId}/reject</c> with <c>{"reason": "OutOfStock"}</c> (default <c>Other</c>).</summary>
internal sealed class RejectOrderFunction(OrderOperations operations) : OrderActionFunction
{
    protected override async Task<ExecutionResult> RunAsync(ApiRequest request, OrderKey key, CancellationToken cancellationToken)
    {
        var input = await request.ReadOptionalJsonAsync<RejectOrderInput>(cancellationToken);
        return await operations.RejectAsync(key, input?.Reason ?? CancellationReason.Other, cancellationToken);
    }
}

/// <summary><c>POST …/orders/{orderId}/custom-status</c> with <c>{"status": "Waiting for supplier"}</c>.</summary>
internal sealed class SetCustomStatusFunction(OrderOperations operations) : OrderActionFunction
{
    protected override async Task<ExecutionResult> RunAsync(ApiRequest request, OrderKey key, CancellationToken cancellationToken)
    {
        var input = await request.ReadJsonAsync<CustomStatusInput>(cancellationToken);
        var status = input.Status?.Trim();
        if (string.IsNullOrEmpty(status) || status.Length > OrderOperations.MaxCustomStatusLength)
        {
            throw ApiProblemException.Invalid("status", $"Required, 1-{OrderOperations.MaxCustomStatusLength} characters.");
        }

        return await operations.SetCustomStatusAsync(key, status, cancellationToken);
    }
}

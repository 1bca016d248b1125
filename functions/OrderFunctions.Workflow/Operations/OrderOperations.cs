using Microsoft.Extensions.Logging;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Operations;

/// <summary>An order with its history, for the operator.</summary>
public sealed record OrderDetails(OrderState State, IReadOnlyList<OrderHistoryEntry> History);

/// <summary>
/// What an operator can do to one order (seed 002, issue 3 §6). Each runs the workflow at once and answers with the
/// order's state afterwards; a transient failure leaves the action queued as a step instead (outcome
/// <see cref="ExecutionOutcome.RetryScheduled"/>). An action the order's state does not allow is a no-op
/// (<see cref="ExecutionOutcome.NoOp"/>, with the reason in the note), never an error.
/// </summary>
public sealed partial class OrderOperations(
    IOrderStore orders,
    IntegrationStore integrations,
    OrderExecutor executor,
    IConnectorFactory connectors,
    IWorkflowQueues queues,
    ILogger<OrderOperations> logger)
{
    public const int MaxCustomStatusLength = 100;

    public async Task<OrderDetails?> GetAsync(OrderKey key, CancellationToken cancellationToken)
    {
        var stored = await orders.GetAsync(key, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : new OrderDetails(stored.State, await orders.GetHistoryAsync(key, cancellationToken).ConfigureAwait(false));
    }

    public Task<ExecutionResult> ConfirmAsync(OrderKey key, CancellationToken cancellationToken) =>
        executor.ExecuteInlineAsync(key, new OperatorConfirmed(), cancellationToken);

    public Task<ExecutionResult> RejectAsync(OrderKey key, CancellationReason reason, CancellationToken cancellationToken) =>
        executor.ExecuteInlineAsync(key, new OperatorRejected(reason), cancellationToken);

    /// <summary>Seed 002 "Change the order status": any label (trimmed, 1–100 characters); also set in the shop when the
    /// order is there.</summary>
    public Task<ExecutionResult> SetCustomStatusAsync(OrderKey key, string status, CancellationToken cancellationToken)
    {
        var trimmed = status?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxCustomStatusLength)
        {
            throw new ArgumentException($"A status is 1-{MaxCustomStatusLength} characters.", nameof(status));
        }

        return executor.ExecuteInlineAsync(key, new OperatorSetCustomStatus(trimmed), cancellationToken);
    }

    /// <summary>Reads both sides afresh and moves the order on from its current state, with the integration's current
    /// settings and status map (a Failed or Held order re-enters the flow).</summary>
    public async Task<ExecutionResult> ResyncAsync(OrderKey key, CancellationToken cancellationToken)
    {
        integrations.Invalidate(key.IntegrationId);
        var integration = await integrations.GetCachedAsync(key.IntegrationId, cancellationToken).ConfigureAwait(false);
        if (integration is null || await orders.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return new ExecutionResult(ExecutionOutcome.Unknown, null, "no such order");
        }

        OperatorResynced resync;
        try
        {
            resync = await StepHandler.ReadBothSidesAsync(integration.Integration, key, connectors, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException e) when (e.IsTransient)
        {
            LogResyncQueued(logger, key, e.Platform, e.Message);
            await queues.SendStepAsync(new StepMessage { Order = key.Value, Step = StepKinds.Resync }, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            return new ExecutionResult(ExecutionOutcome.RetryScheduled, stored.State, $"could not read the order now ({OrderExecutor.Describe(e)}); re-sync queued");
        }

        return await executor.ExecuteInlineAsync(key, resync, cancellationToken, stored).ConfigureAwait(false);
    }

    /// <summary>Queues a re-sync for every Failed order of the integration; returns how many.</summary>
    public async Task<int> RetryFailedAsync(string integrationId, CancellationToken cancellationToken)
    {
        integrations.Invalidate(integrationId);
        var queued = 0;
        string? continuation = null;
        do
        {
            var page = await orders.ListAsync(integrationId, OrderStatus.Failed, 1000, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var order in page.Orders)
            {
                await queues.SendStepAsync(new StepMessage { Order = order.Key.Value, Step = StepKinds.Resync }, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                queued++;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        LogRetryFailed(logger, integrationId, queued);
        return queued;
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "Re-sync of order {OrderKey} queued: {Platform} could not be read now ({Error})")]
    private static partial void LogResyncQueued(ILogger logger, OrderKey orderKey, string platform, string error);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Information, Message = "Queued a re-sync of {Count} failed orders of integration {IntegrationId}")]
    private static partial void LogRetryFailed(ILogger logger, string integrationId, int count);
}

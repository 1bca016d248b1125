using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Orders.Execution;

/// <summary>
/// Handles one message of the <c>workflow-steps</c> queue. A timer that arrives early (a chained long delay) is put
/// back for the rest of its time without touching the order. Steps that stand for fresh data read it first (the
/// marketplace order, the shop order). A failure fails the invocation so the queue retries it; on the last attempt
/// (<see cref="WorkflowOptions.MaxDequeueCount"/>) the order moves to Failed with the reason and an error notification
/// is queued instead — so nothing is dropped silently.
/// </summary>
public sealed partial class StepHandler(
    OrderExecutor executor,
    IntegrationStore integrations,
    IConnectorFactory connectors,
    IWorkflowQueues queues,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<StepHandler> logger)
{
    /// <summary>A timer this close to its due time runs now rather than being put back.</summary>
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(1);

    /// <param name="messageId">The queue message's id: re-deliveries of one message act as the same lease owner, so a
    /// retry can take over from its own crashed attempt instead of waiting for the lease to run out.</param>
    public async Task<ExecutionResult> HandleAsync(string body, string messageId, long dequeueCount, CancellationToken cancellationToken)
    {
        var message = WorkflowJson.ParseStep(body);
        var now = time.GetUtcNow();
        if (message.Due is { } due && due - now > EarlyTolerance)
        {
            await queues.SendStepAsync(message, due - now, cancellationToken).ConfigureAwait(false);
            LogRescheduled(logger, message.Order, message.Step, due);
            return new ExecutionResult(ExecutionOutcome.Deferred, null, "timer not due yet: put back");
        }

        var key = OrderKey.Parse(message.Order);
        var attempt = ExecutionAttempt.FromQueue(dequeueCount, options.Value.MaxDequeueCount);
        var owner = "step-" + messageId;
        try
        {
            var @event = StepMessages.ToEvent(message) ?? await ReadEventAsync(message, key, cancellationToken).ConfigureAwait(false);
            if (@event is null)
            {
                return new ExecutionResult(ExecutionOutcome.NoOp, null, "nothing to read for this step");
            }

            return await executor.ExecuteAsync(key, @event, attempt, cancellationToken, leaseOwner: owner).ConfigureAwait(false);
        }
        catch (Exception e) when (attempt.IsLast && e is not OperationCanceledException)
        {
            var reason = OrderExecutor.Describe(e);
            LogGaveUp(logger, e, key, message.Step, attempt.Number);
            return await executor.ExecuteAsync(key, new StepFailed($"{message.Step}: {reason}", attempt.Number, Permanent: false), attempt, cancellationToken, leaseOwner: owner).ConfigureAwait(false);
        }
    }

    /// <summary>The steps that carry no data of their own: read what the marketplace and the shop say now.</summary>
    private async Task<OrderEvent?> ReadEventAsync(StepMessage message, OrderKey key, CancellationToken cancellationToken)
    {
        var integration = await integrations.GetCachedAsync(key.IntegrationId, cancellationToken).ConfigureAwait(false);
        if (integration is null)
        {
            LogNoIntegration(logger, key, key.IntegrationId);
            return null;
        }

        switch (message.Step)
        {
            case StepKinds.MarketplaceChanged:
                var marketplace = await connectors.GetMarketplaceAsync(integration.Integration, cancellationToken).ConfigureAwait(false);
                var order = await marketplace.GetOrderAsync(key.MarketplaceOrderId, cancellationToken).ConfigureAwait(false);
                if (order is null)
                {
                    LogNotOnMarketplace(logger, key);
                    return null;
                }

                return new MarketplaceOrderSeen(order);

            case StepKinds.ShopChanged:
                var shop = await connectors.GetShopAsync(integration.Integration, cancellationToken).ConfigureAwait(false);
                var shopOrder = await shop.FindByOrderKeyAsync(key.Value, cancellationToken).ConfigureAwait(false);
                return shopOrder is null ? null : new ShopOrderSeen(shopOrder);

            case StepKinds.Resync:
                return await ReadBothSidesAsync(integration.Integration, key, connectors, cancellationToken).ConfigureAwait(false);

            default:
                throw new FormatException($"The '{message.Step}' step message is incomplete.");
        }
    }

    /// <summary>The operator's re-sync: fresh reads of both sides.</summary>
    internal static async Task<OperatorResynced> ReadBothSidesAsync(Integration integration, OrderKey key, IConnectorFactory connectors, CancellationToken cancellationToken)
    {
        var marketplace = await connectors.GetMarketplaceAsync(integration, cancellationToken).ConfigureAwait(false);
        var shop = await connectors.GetShopAsync(integration, cancellationToken).ConfigureAwait(false);
        var marketplaceOrder = await marketplace.GetOrderAsync(key.MarketplaceOrderId, cancellationToken).ConfigureAwait(false);
        var shopOrder = await shop.FindByOrderKeyAsync(key.Value, cancellationToken).ConfigureAwait(false);
        return new OperatorResynced(marketplaceOrder, shopOrder);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Step {Step} of order {OrderKey} is due at {Due}: put back")]
    private static partial void LogRescheduled(ILogger logger, string orderKey, string step, DateTimeOffset due);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Step {Step} of order {OrderKey} failed on its last attempt ({Attempt}); the order goes to Failed")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, OrderKey orderKey, string step, int attempt);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Order {OrderKey}: integration {IntegrationId} does not exist")]
    private static partial void LogNoIntegration(ILogger logger, OrderKey orderKey, string integrationId);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Order {OrderKey} is no longer known to the marketplace")]
    private static partial void LogNotOnMarketplace(ILogger logger, OrderKey orderKey);
}

using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;

namespace OrderFunctions.Testing.Fakes;

/// <summary>The real order store with planned faults before and after each write (<c>store.insert</c>, <c>store.commit</c>).</summary>
public sealed class FaultyOrderStore(IOrderStore inner, FaultInjector faults) : IOrderStore
{
    public Task<StoredOrder?> GetAsync(OrderKey key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

    public async Task<StoredOrder?> TryInsertAsync(OrderState state, OrderHistoryEntry first, OrderLease? lease, string? receivedInRun, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.StoreInsert, cancellationToken);
        var inserted = await inner.TryInsertAsync(state, first, lease, receivedInRun, cancellationToken);
        faults.After(FakeOperations.StoreInsert);
        return inserted;
    }

    public async Task<StoredOrder> CommitAsync(StoredOrder current, OrderState next, IReadOnlyList<OrderHistoryEntry> history, OrderLease? lease, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.StoreCommit, cancellationToken);
        var committed = await inner.CommitAsync(current, next, history, lease, cancellationToken);
        faults.After(FakeOperations.StoreCommit);
        return committed;
    }

    public Task<IReadOnlyList<OrderHistoryEntry>> GetHistoryAsync(OrderKey key, CancellationToken cancellationToken) => inner.GetHistoryAsync(key, cancellationToken);

    public IAsyncEnumerable<StoredOrder> QueryOverdueAsync(DateTimeOffset dueBy, CancellationToken cancellationToken) => inner.QueryOverdueAsync(dueBy, cancellationToken);

    public Task<OrderPage> ListAsync(string integrationId, OrderStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        inner.ListAsync(integrationId, status, pageSize, continuationToken, cancellationToken);
}

/// <summary>The real queues with planned faults before and after each put (<c>queue.step</c>, <c>queue.poll</c>,
/// <c>queue.notification</c>).</summary>
public sealed class FaultyQueues(IWorkflowQueues inner, FaultInjector faults) : IWorkflowQueues
{
    public async Task SendStepAsync(StepMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.QueueStep, cancellationToken);
        await inner.SendStepAsync(message, delay, cancellationToken);
        faults.After(FakeOperations.QueueStep);
    }

    public async Task SendPollAsync(PollMessage message, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.QueuePoll, cancellationToken);
        await inner.SendPollAsync(message, cancellationToken);
        faults.After(FakeOperations.QueuePoll);
    }

    public async Task SendNotificationAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.QueueNotification, cancellationToken);
        await inner.SendNotificationAsync(message, cancellationToken);
        faults.After(FakeOperations.QueueNotification);
    }
}

namespace OrderFunctions.Workflow.Orders.Storage;

/// <summary>
/// The orders table (DESIGN D5): one partition per order holding the order row and its history rows; every change is
/// one conditional write of the order row plus its history rows in one entity group transaction; new orders are
/// inserted only if absent. Never an unconditional upsert.
/// </summary>
public interface IOrderStore
{
    Task<StoredOrder?> GetAsync(OrderKey key, CancellationToken cancellationToken);

    /// <summary>Inserts a new order with its first history row; null when the order already exists (the dedupe of a
    /// re-polled order). <paramref name="receivedInRun"/> remembers which poll received it.</summary>
    Task<StoredOrder?> TryInsertAsync(OrderState state, OrderHistoryEntry first, OrderLease? lease, string? receivedInRun, CancellationToken cancellationToken);

    /// <summary>Replaces the order row if it is still <paramref name="current"/> and appends <paramref name="history"/>
    /// (at least one row), atomically. Throws <see cref="OrderConcurrencyException"/> when another writer came first.
    /// <paramref name="lease"/> is the lease the order carries afterwards (null releases it).</summary>
    Task<StoredOrder> CommitAsync(StoredOrder current, OrderState next, IReadOnlyList<OrderHistoryEntry> history, OrderLease? lease, CancellationToken cancellationToken);

    /// <summary>The order's history, oldest first.</summary>
    Task<IReadOnlyList<OrderHistoryEntry>> GetHistoryAsync(OrderKey key, CancellationToken cancellationToken);

    /// <summary>Orders whose next action was due at or before <paramref name="dueBy"/> (the sweeper's query), as read:
    /// whole order rows with their ETags, so the sweeper decides them without reading each again.</summary>
    IAsyncEnumerable<StoredOrder> QueryOverdueAsync(DateTimeOffset dueBy, CancellationToken cancellationToken);

    /// <summary>One page of an integration's orders, optionally in one status (the operator's "tabs").</summary>
    Task<OrderPage> ListAsync(string integrationId, OrderStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken);
}

public sealed record OrderPage(IReadOnlyList<OrderState> Orders, string? ContinuationToken);

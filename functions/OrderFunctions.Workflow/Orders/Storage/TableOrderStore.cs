using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using OrderFunctions.Storage;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Workflow.Hosting;

namespace OrderFunctions.Workflow.Orders.Storage;

/// <summary>
/// <see cref="IOrderStore"/> on the orders table. A commit is one entity group transaction: replace the order row with
/// <c>If-Match</c> and insert the next history rows. Two guards: the ETag, and the history row key (the next sequence
/// number), which a second writer from the same version fails to insert — so the write stays safe on emulators that
/// do not enforce <c>If-Match</c> inside a batch (Azurite #1233; Azurite 3.35 does enforce it for replace, as the
/// tests show).
/// </summary>
public sealed class TableOrderStore(WorkflowStorage storage) : IOrderStore
{
    private readonly TableClient _table = storage.Orders;

    public async Task<StoredOrder?> GetAsync(OrderKey key, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _table.GetEntityOrDefaultAsync(key.Value, OrderEntities.OrderRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : OrderEntities.FromEntity(entity);
    }

    public async Task<StoredOrder?> TryInsertAsync(OrderState state, OrderHistoryEntry first, OrderLease? lease, string? receivedInRun, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        var order = OrderEntities.ToEntity(state, historySequence: 1, lease, receivedInRun);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, order),
            new(TableTransactionActionType.Add, OrderEntities.ToHistoryEntity(state.Key, 1, first)),
        };
        try
        {
            var results = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return new StoredOrder(state, results[0].ETag, 1, lease, receivedInRun);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return null;
        }
    }

    public async Task<StoredOrder> CommitAsync(StoredOrder current, OrderState next, IReadOnlyList<OrderHistoryEntry> history, OrderLease? lease, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (history.Count == 0)
        {
            throw new ArgumentException("A commit appends at least one history row (it is part of the concurrency check).", nameof(history));
        }

        var sequence = current.HistorySequence + history.Count;
        var actions = new List<TableTransactionAction>(history.Count + 1)
        {
            new(TableTransactionActionType.UpdateReplace, OrderEntities.ToEntity(next, sequence, lease, current.ReceivedInRun), current.ETag),
        };
        for (var i = 0; i < history.Count; i++)
        {
            actions.Add(new(TableTransactionActionType.Add, OrderEntities.ToHistoryEntity(next.Key, current.HistorySequence + 1 + i, history[i])));
        }

        try
        {
            var results = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return new StoredOrder(next, results[0].ETag, sequence, lease, current.ReceivedInRun);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsConflict())
        {
            throw new OrderConcurrencyException(next.Key, e);
        }
    }

    public async Task<IReadOnlyList<OrderHistoryEntry>> GetHistoryAsync(OrderKey key, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = $"PartitionKey eq {Quote(key.Value)} and RowKey ge 'h' and RowKey lt 'i'";
        var entries = new List<OrderHistoryEntry>();
        await foreach (var entity in _table.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            entries.Add(OrderEntities.FromHistoryEntity(entity));
        }

        return entries;
    }

    public async IAsyncEnumerable<StoredOrder> QueryOverdueAsync(DateTimeOffset dueBy, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = $"RowKey eq '{OrderEntities.OrderRowKey}' and NextActionAt le datetime'{dueBy.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}'";
        await foreach (var entity in _table.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (OrderKey.TryParse(entity.PartitionKey, out _))
            {
                yield return OrderEntities.FromEntity(entity);
            }
        }
    }

    public async Task<OrderPage> ListAsync(string integrationId, OrderStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        // Integration ids are lower-case letters, digits and '-', so an integration's orders are exactly the partitions
        // from "{id}:" up to (not including) "{id};" — a key range, not a table scan.
        var filter = $"PartitionKey ge {Quote(integrationId + ":")} and PartitionKey lt {Quote(integrationId + ";")} and RowKey eq '{OrderEntities.OrderRowKey}'";
        if (status is { } wanted)
        {
            filter += $" and Status eq '{wanted}'";
        }

        var page = await _table.QueryPageAsync(filter, pageSize, continuationToken: continuationToken, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new OrderPage([.. page.Entities.Select(e => OrderEntities.FromEntity(e).State)], page.ContinuationToken);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

using System.Globalization;
using Azure;
using OrderFunctions.App.Notifications.Rendering;
using OrderFunctions.Storage;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Notifications.Digests;

/// <summary>
/// Collects "new order" notifications per integration per <see cref="DigestWindow"/>, so the merchant gets one mail
/// per window instead of one per order. One table partition per integration and window holds a row per order and a
/// window marker whose state goes <c>Open → Scheduled → Flushed</c>:
/// <list type="bullet">
/// <item><see cref="RecordAsync"/> adds the orders' rows (one entity group transaction per 100; insert-if-absent, so a
/// redelivered message adds nothing), then reads the marker. <c>Open</c>: it sends the window's one <see cref="DigestFlushMessage"/>, delayed until the window
/// has ended, and marks it <c>Scheduled</c> (a crash in between sends a second flush message later, which is
/// harmless). <c>Flushed</c>: the digest has gone, so the orders move to the next window.</item>
/// <item><see cref="CollectAsync"/> (the flush) first marks the window <c>Flushed</c>, then reads its rows. An order
/// whose row was added before that read is in the digest; one added after it sees <c>Flushed</c> and moves on. No
/// order is lost; in one narrow race an order can appear in two consecutive digests.</item>
/// <item><see cref="CompleteAsync"/> deletes the sent rows (they hold customer names); the marker stays, so a late
/// order can never reopen a window whose digest id was already used.</item>
/// </list>
/// </summary>
public sealed class NewOrdersDigestOutbox
{
    public const string TableName = "notificationdigests";
    public const string QueueName = "notification-digests";

    /// <summary>The flush runs this long after its window ends, so orders recorded in the window's last moments (or by
    /// an instance whose clock is a little behind) are in.</summary>
    public static readonly TimeSpan FlushDelayAfterWindow = TimeSpan.FromMinutes(1);

    private const string MarkerRowKey = "~window";
    private const int MaxWindowMoves = 3;
    private const int MaxTransactionActions = 100;

    private readonly TableClient _table;
    private readonly QueueClient _flushQueue;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private volatile bool _created;

    public NewOrdersDigestOutbox(TableClient table, QueueClient flushQueue, TimeProvider time, TimeSpan interval)
    {
        _table = table;
        _flushQueue = flushQueue;
        _time = time;
        _interval = interval;
    }

    private enum WindowState
    {
        Open,
        Scheduled,
        Flushed,
    }

    /// <summary>Puts <paramref name="orders"/> into the integration's current window (one entity group transaction per
    /// 100 orders) and makes sure the window's digest is scheduled. <paramref name="recipient"/> (the integration's
    /// notification address, or null for the default) and <paramref name="integrationName"/> are kept with the window
    /// as they were for its first orders.</summary>
    public async Task RecordAsync(string integrationId, string integrationName, string? recipient, IReadOnlyList<DigestOrder> orders, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(integrationId);
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0)
        {
            return;
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var distinct = orders.DistinctBy(o => o.MarketplaceOrderId, StringComparer.Ordinal).ToList();
        var window = DigestWindow.Containing(_time.GetUtcNow(), _interval);
        for (var move = 0; move < MaxWindowMoves; move++)
        {
            var partition = PartitionKey(integrationId, window);
            await AddIfAbsentAsync([.. distinct.Select(o => OrderRow(partition, OrderRowKey(integrationId, o.MarketplaceOrderId), o))], cancellationToken).ConfigureAwait(false);

            var marker = await GetOrAddMarkerAsync(partition, integrationName, recipient, cancellationToken).ConfigureAwait(false);
            switch (StateOf(marker))
            {
                case WindowState.Scheduled:
                    return;
                case WindowState.Open:
                    await ScheduleFlushAsync(integrationId, window, marker, cancellationToken).ConfigureAwait(false);
                    return;
                case WindowState.Flushed:
                    // Too late for this window's digest: take the rows back out and try the next window.
                    await DeleteAsync(partition, [.. distinct.Select(o => OrderRowKey(integrationId, o.MarketplaceOrderId))], cancellationToken).ConfigureAwait(false);
                    window = window.Next;
                    break;
            }
        }

        throw new InvalidOperationException($"Integration {integrationId}: {MaxWindowMoves} digest windows in a row were already flushed; the clock or Notifications__DigestInterval looks wrong.");
    }

    /// <summary>Closes the window and returns its digest, or null when it has no orders (left) or another flush owns it.
    /// One flush owns a window: the one whose <paramref name="flushId"/> (its queue message id, the same on every
    /// redelivery) closed it. Several flush messages for one window are normal (concurrent recorders each schedule one);
    /// were they all to collect, one could read the rows while another deletes them and send a smaller digest under the
    /// same id. Safe to repeat: a redelivered flush returns the orders not yet completed.</summary>
    public async Task<CollectedDigest?> CollectAsync(DigestFlushMessage flush, string flushId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(flushId);
        ArgumentNullException.ThrowIfNull(flush);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var window = flush.Window;
        var partition = PartitionKey(flush.IntegrationId, window);
        var marker = await _table.GetEntityOrDefaultAsync(partition, MarkerRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (marker is null)
        {
            return null;
        }

        while (StateOf(marker) != WindowState.Flushed)
        {
            try
            {
                var flushed = WithState(marker, WindowState.Flushed);
                flushed[Columns.FlushedBy] = flushId;
                marker.ETag = await _table.UpdateEntityAsync(flushed, marker.ETag, cancellationToken: cancellationToken).ConfigureAwait(false);
                marker[nameof(WindowState)] = nameof(WindowState.Flushed);
                marker[Columns.FlushedBy] = flushId;
            }
            catch (RequestFailedException e) when (e.IsPreconditionFailed())
            {
                marker = await _table.GetEntityOrDefaultAsync(partition, MarkerRowKey, cancellationToken: cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The digest marker of {partition} disappeared.", e);
            }
        }

        // Closed by another flush message: that one (or its redelivery) sends the digest. A window closed before
        // owners were recorded has none, and any flush may send it, as before.
        if (marker.GetString(Columns.FlushedBy) is { } owner && !string.Equals(owner, flushId, StringComparison.Ordinal))
        {
            return null;
        }

        var orders = new List<(DateTimeOffset RecordedAt, DigestOrder Order)>();
        var filter = TableFilter.And(TableFilter.Equal("PartitionKey", partition), TableFilter.NotEqual("RowKey", MarkerRowKey));
        await foreach (var row in _table.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            orders.Add((row.GetDateTimeOffset(Columns.RecordedAt) ?? DateTimeOffset.MinValue, ReadOrder(row)));
        }

        if (orders.Count == 0)
        {
            return null;
        }

        var digest = new NewOrdersDigest
        {
            IntegrationId = flush.IntegrationId,
            IntegrationName = marker.GetString(Columns.IntegrationName) ?? flush.IntegrationId,
            Window = window,
            Orders = [.. orders.OrderBy(o => o.RecordedAt).ThenBy(o => o.Order.MarketplaceOrderId, StringComparer.Ordinal).Select(o => o.Order)],
        };
        return new CollectedDigest(digest, marker.GetString(Columns.Recipient));
    }

    /// <summary>Deletes the rows of a sent digest, in entity group transactions of up to 100.</summary>
    public Task CompleteAsync(NewOrdersDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return DeleteAsync(
            PartitionKey(digest.IntegrationId, digest.Window),
            [.. digest.Orders.Select(o => OrderRowKey(digest.IntegrationId, o.MarketplaceOrderId)).Distinct(StringComparer.Ordinal)],
            cancellationToken);
    }

    // Once per process; a race only repeats an idempotent create.
    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            await _flushQueue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }
    }

    private async Task ScheduleFlushAsync(string integrationId, DigestWindow window, TableEntity marker, CancellationToken cancellationToken)
    {
        var delay = window.End + FlushDelayAfterWindow - _time.GetUtcNow();
        await _flushQueue.SendMessageAsync(
            new DigestFlushMessage(integrationId, window.Start, window.Length).ToJson(),
            delay > TimeSpan.Zero ? delay : TimeSpan.Zero,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.UpdateEntityAsync(WithState(marker, WindowState.Scheduled), marker.ETag, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            // Another instance scheduled it too, or the flush already ran: either way the window is taken care of.
        }
    }

    private async Task<TableEntity> GetOrAddMarkerAsync(string partition, string integrationName, string? recipient, CancellationToken cancellationToken)
    {
        var marker = await _table.GetEntityOrDefaultAsync(partition, MarkerRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (marker is not null)
        {
            return marker;
        }

        var fresh = new TableEntity(partition, MarkerRowKey)
        {
            [nameof(WindowState)] = nameof(WindowState.Open),
            [Columns.IntegrationName] = integrationName,
            [Columns.Recipient] = recipient,
        };
        try
        {
            fresh.ETag = await _table.AddEntityAsync(fresh, cancellationToken).ConfigureAwait(false);
            return fresh;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return await _table.GetEntityOrDefaultAsync(partition, MarkerRowKey, cancellationToken: cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The digest marker of {partition} disappeared.", e);
        }
    }

    /// <summary>Inserts rows of one partition in transactions of up to 100; when some exist already (a redelivered
    /// notification) the transaction fails as a whole and the rows are inserted one by one, skipping those present.</summary>
    private async Task AddIfAbsentAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(MaxTransactionActions))
        {
            try
            {
                await _table.SubmitTransactionAsync([.. chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row))], cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.IsConflict())
            {
                foreach (var row in chunk)
                {
                    try
                    {
                        await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException conflict) when (conflict.IsConflict())
                    {
                        // Already recorded.
                    }
                }
            }
        }
    }

    /// <summary>Deletes rows of one partition in transactions of up to 100; when some are gone already (an earlier,
    /// interrupted run) the transaction fails as a whole and the rest are deleted one by one.</summary>
    private async Task DeleteAsync(string partition, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(MaxTransactionActions))
        {
            try
            {
                await _table.SubmitTransactionAsync([.. chunk.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, rowKey), ETag.All))], cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException e) when (e.IsNotFound())
            {
                foreach (var rowKey in chunk)
                {
                    try
                    {
                        await _table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException gone) when (gone.IsNotFound())
                    {
                        // Gone already.
                    }
                }
            }
        }
    }

    private static WindowState StateOf(TableEntity marker) =>
        Enum.TryParse<WindowState>(marker.GetString(nameof(WindowState)), out var state) ? state : WindowState.Open;

    private static TableEntity WithState(TableEntity marker, WindowState state) =>
        new(marker.PartitionKey, marker.RowKey) { [nameof(WindowState)] = state.ToString() };

    // Integration ids are lowercase letters, digits and '-', so '|' cannot occur in them.
    private static string PartitionKey(string integrationId, DigestWindow window) => $"{integrationId}|{window.Key}|{(int)window.Length.TotalMinutes}";

    // OrderKey percent-encodes what keys may not hold; it never starts with '~', so it cannot meet the marker.
    private static string OrderRowKey(string integrationId, string marketplaceOrderId) => OrderKey.Create(integrationId, marketplaceOrderId).Value;

    private TableEntity OrderRow(string partition, string rowKey, DigestOrder order) => new(partition, rowKey)
    {
        [Columns.MarketplaceOrderId] = order.MarketplaceOrderId,
        [Columns.CustomerName] = order.CustomerName,
        [Columns.Total] = order.Total.ToString(CultureInfo.InvariantCulture), // the Table service has no decimal type
        [Columns.Currency] = order.Currency,
        [Columns.Status] = order.Status,
        [Columns.RecordedAt] = _time.GetUtcNow(),
    };

    private static DigestOrder ReadOrder(TableEntity row) => new(
        row.GetString(Columns.MarketplaceOrderId) ?? "",
        row.GetString(Columns.CustomerName) ?? "",
        decimal.TryParse(row.GetString(Columns.Total), NumberStyles.Number, CultureInfo.InvariantCulture, out var total) ? total : 0m,
        row.GetString(Columns.Currency) ?? "",
        row.GetString(Columns.Status) ?? "");

    private static class Columns
    {
        public const string IntegrationName = nameof(IntegrationName);
        public const string Recipient = nameof(Recipient);
        public const string MarketplaceOrderId = nameof(MarketplaceOrderId);
        public const string CustomerName = nameof(CustomerName);
        public const string Total = nameof(Total);
        public const string Currency = nameof(Currency);
        public const string Status = nameof(Status);
        public const string RecordedAt = nameof(RecordedAt);
        public const string FlushedBy = nameof(FlushedBy);
    }
}

/// <summary>A closed window's digest and the address its first order asked for (null: the default recipient).</summary>
public sealed record CollectedDigest(NewOrdersDigest Digest, string? Recipient);

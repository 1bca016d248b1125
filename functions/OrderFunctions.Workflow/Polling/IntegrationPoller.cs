using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Notifications;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Polling;

/// <summary>
/// Handles one message of the <c>workflow-polls</c> queue (DESIGN D6): reads what changed on the marketplace and in
/// the shop since the stored checkpoint (minus an overlap window), inserts new orders (insert-if-absent dedupes), and
/// for each order that changed decides at once, in this invocation, with the order row it already read — so a new
/// order costs its insert and one commit, and a change that does not matter costs one read and no write. Only
/// when that inline run cannot finish (a transient failure, another executor holding the order) is a step queued.
/// Orders already handled in the overlap are remembered in the checkpoint and not read again; the checkpoint is
/// written once per poll; the "new orders" notification is one message per poll.
/// </summary>
public sealed partial class IntegrationPoller(
    IOrderStore orders,
    IntegrationStore integrations,
    PollStateStore pollState,
    OrderExecutor executor,
    IConnectorFactory connectors,
    IWorkflowQueues queues,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<IntegrationPoller> logger)
{
    private readonly IOrderStore _orders = orders;
    private readonly PollStateStore _pollState = pollState;
    private readonly OrderExecutor _executor = executor;
    private readonly IConnectorFactory _connectors = connectors;
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    private WorkflowOptions Options => options.Value;

    public async Task<PollCounts> PollAsync(PollMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (record, checkpointRow) = await integrations.GetForPollAsync(message.Integration, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            LogNoIntegration(_logger, message.Integration);
            return PollCounts.Zero;
        }

        // One poll of an integration at a time (a back-fill, with its own window, runs alongside): a poll whose
        // integration another run is polling exits at once, and the claim is released however this one ends.
        PollClaim? claim = null;
        if (!message.IsBackfill)
        {
            var now = _time.GetUtcNow();
            claim = await _pollState.TryTakePollClaimAsync(message.Integration, message.Run, now, now + Options.PollClaimDuration, cancellationToken).ConfigureAwait(false);
            if (claim is null)
            {
                LogPollInProgress(_logger, message.Integration, message.Run);
                return PollCounts.Zero;
            }
        }

        await using var keeper = new PollClaimKeeper(_pollState, claim, _time, Options.PollClaimDuration);
        try
        {
            return await PollClaimedAsync(message, record, checkpointRow, keeper, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await keeper.ReleaseAsync().ConfigureAwait(false);
        }
    }

    private async Task<PollCounts> PollClaimedAsync(PollMessage message, IntegrationRecord record, Storage.Tables.TableEntity? checkpointRow, PollClaimKeeper keeper, CancellationToken cancellationToken)
    {
        var checkpoint = PollStateStore.ReadCheckpoint(checkpointRow);
        var integrationId = record.Integration.Id;

        // What an earlier poll queued in the outbox but may not have sent: send it again (same ids).
        var resent = await SendAsync(checkpoint.PendingNotifications, cancellationToken).ConfigureAwait(false);
        if (!message.IsBackfill && checkpoint.RecentRuns.Contains(message.Run, StringComparer.Ordinal))
        {
            if (resent.Count > 0)
            {
                await _pollState.ClearSentAsync(integrationId, checkpoint, resent, cancellationToken).ConfigureAwait(false);
            }

            LogAlreadyPolled(_logger, integrationId, message.Run);
            return PollCounts.Zero;
        }

        var poll = new Poll(this, record, message, checkpoint, _time.GetUtcNow(), keeper);
        if (message.IsBackfill)
        {
            await poll.ReportAsync(PollRunStatus.Running, cancellationToken).ConfigureAwait(false);
        }

        var marketplaceSeen = record.Integration.Settings.RetrieveOrders
            ? await poll.PollMarketplaceAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var shopSeen = await poll.PollShopAsync(cancellationToken).ConfigureAwait(false);

        // The outbox goes into the checkpoint first, then out; the run (and any run whose orders it adopted) is
        // accounted for in the same write. A back-fill leaves the windows and memos to the scheduled polls.
        var notifications = NotificationOutbox.NewOrders(record.Integration, message.Run, [.. poll.Received], poll.Until);
        var scheduled = !message.IsBackfill;
        var next = checkpoint with
        {
            MarketplaceUntil = scheduled && marketplaceSeen is not null ? poll.Until : checkpoint.MarketplaceUntil,
            MarketplaceSeen = scheduled && marketplaceSeen is not null ? marketplaceSeen : checkpoint.MarketplaceSeen,
            ShopUntil = scheduled ? poll.Until : checkpoint.ShopUntil,
            ShopSeen = scheduled ? shopSeen : checkpoint.ShopSeen,
            RecentRuns = PollStateStore.Runs([message.Run, .. poll.AdoptedRuns], checkpoint.RecentRuns),
            PendingNotifications = notifications,
        };
        // The fence: only the claim's holder records its run and announces its orders. A claim that has not lapsed
        // cannot have been taken; one past half is renewed here, and a poll that lost its claim to another run fails
        // here, before either, so its orders are announced once, by the run that adopts them.
        await keeper.KeepAsync(cancellationToken).ConfigureAwait(false);
        var saved = await _pollState.SaveCheckpointAsync(integrationId, checkpoint, next, cancellationToken).ConfigureAwait(false);
        var sent = await SendAsync(notifications, cancellationToken).ConfigureAwait(false);
        if (sent.Count > 0)
        {
            await _pollState.ClearSentAsync(integrationId, saved, sent, cancellationToken).ConfigureAwait(false);
        }

        if (message.IsBackfill)
        {
            await poll.ReportAsync(PollRunStatus.Completed, cancellationToken).ConfigureAwait(false);
        }

        var counts = poll.Counter.Snapshot();
        LogPolled(_logger, integrationId, message.Run, counts.MarketplaceOrdersListed, counts.OrdersReceived, counts.ShopOrdersListed, counts.OrdersUpdated, counts.Unchanged, counts.HandedToQueue);
        return counts;
    }

    private async Task<IReadOnlyCollection<string>> SendAsync(IReadOnlyList<NotificationMessage> notifications, CancellationToken cancellationToken)
    {
        foreach (var notification in notifications)
        {
            await queues.SendNotificationAsync(notification, cancellationToken).ConfigureAwait(false);
        }

        return [.. notifications.Select(n => n.Id)];
    }

    /// <summary>One poll of one integration: its window, its tallies, the orders it received.</summary>
    private sealed class Poll(IntegrationPoller poller, IntegrationRecord record, PollMessage message, PollCheckpoint checkpoint, DateTimeOffset until, PollClaimKeeper keeper)
    {
        /// <summary>The ids of the orders in the checkpoint's marketplace memo (entries are <c>{id}@{change ticks}</c>).</summary>
        private readonly Lazy<HashSet<string>> _memoOrderIds = new(
            () => checkpoint.MarketplaceSeen.Select(entry => entry.LastIndexOf('@') is var at and >= 0 ? entry[..at] : entry).ToHashSet(StringComparer.Ordinal));

        public DateTimeOffset Until { get; } = until;

        public PollCounter Counter { get; } = new();

        /// <summary>The orders this poll reports as new: those it inserted, and those an unfinished run inserted.</summary>
        public ConcurrentBag<OrderState> Received { get; } = [];

        /// <summary>Runs that died after inserting orders and before recording them; their orders are in <see cref="Received"/>.</summary>
        public ConcurrentDictionary<string, byte> AdoptedRunSet { get; } = new(StringComparer.Ordinal);

        public IEnumerable<string> AdoptedRuns => AdoptedRunSet.Keys;

        private string IntegrationId => record.Integration.Id;

        private WorkflowOptions Options => poller.Options;

        public async Task<IReadOnlySet<string>> PollMarketplaceAsync(CancellationToken cancellationToken)
        {
            var marketplace = await poller._connectors.GetMarketplaceAsync(record.Integration, cancellationToken).ConfigureAwait(false);
            var since = Since(checkpoint.MarketplaceUntil);
            var listed = await ListAllAsync<MarketplaceOrder>(
                async (token, ct) =>
                {
                    var page = await marketplace.ListChangedOrdersAsync(since, Until, token, ct).ConfigureAwait(false);
                    return (page.Orders, page.NextPageToken);
                },
                cancellationToken).ConfigureAwait(false);
            Counter.Listed(listed.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var order in listed)
            {
                if (order.LastChangedAt >= Until - Options.PollOverlap)
                {
                    seen.Add(Memo(order.OrderId, order.LastChangedAt));
                }
            }

            // An order listed twice (it changed while the pages were read) is decided once, on its newest snapshot.
            var changed = listed
                .GroupBy(o => o.OrderId, StringComparer.Ordinal)
                .Select(g => g.MaxBy(o => o.LastChangedAt)!)
                .Where(o => message.IsBackfill || !checkpoint.MarketplaceSeen.Contains(Memo(o.OrderId, o.LastChangedAt)))
                .ToList();
            Counter.Unchanged(listed.Count - changed.Count);

            await ForEachChunkAsync(changed, ReceiveOrUpdateAsync, cancellationToken).ConfigureAwait(false);
            return seen;
        }

        public async Task<IReadOnlySet<string>> PollShopAsync(CancellationToken cancellationToken)
        {
            var shop = await poller._connectors.GetShopAsync(record.Integration, cancellationToken).ConfigureAwait(false);
            var since = Since(checkpoint.ShopUntil);
            var listed = await ListAllAsync<ShopOrder>(
                async (token, ct) =>
                {
                    var page = await shop.ListChangedOrdersAsync(since, token, ct).ConfigureAwait(false);
                    return (page.Orders, page.NextPageToken);
                },
                cancellationToken).ConfigureAwait(false);
            Counter.ShopListed(listed.Count);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var changed = new List<(OrderKey Key, ShopOrder Order)>();
            foreach (var shopOrder in listed.GroupBy(o => o.ShopOrderId, StringComparer.Ordinal).Select(g => g.MaxBy(o => o.ModifiedAt)!))
            {
                if (!OrderKey.TryParse(shopOrder.OrderKey, out var key) || !string.Equals(key.IntegrationId, IntegrationId, StringComparison.Ordinal))
                {
                    continue;
                }

                // The modified time alone misses a change within the same (whole) second as the one remembered
                // (Shopify): the memo also holds a fingerprint of what the workflow acts on.
                var memo = Memo(ShopOrderFingerprint.Of(shopOrder), shopOrder.ModifiedAt);
                if (shopOrder.ModifiedAt >= Until - Options.PollOverlap)
                {
                    seen.Add(memo);
                }

                // Only statuses the reverse map acts on can change anything; the shop echoing the hub's own
                // creation or status updates costs no read.
                if ((checkpoint.ShopSeen.Contains(memo) && !message.IsBackfill) || !Actionable(shopOrder.Status))
                {
                    Counter.Unchanged();
                    continue;
                }

                changed.Add((key, shopOrder));
            }

            await ForEachChunkAsync(
                changed,
                async (item, ct) =>
                {
                    var stored = await poller._orders.GetAsync(item.Key, ct).ConfigureAwait(false);
                    if (stored is null)
                    {
                        Counter.Unchanged();
                        return;
                    }

                    Count(await poller._executor.ExecuteInlineAsync(item.Key, new ShopOrderSeen(item.Order), ct, stored).ConfigureAwait(false));
                },
                cancellationToken).ConfigureAwait(false);
            return seen;
        }

        /// <summary>Reads every page before acting on any order. The platforms page by position in a list sorted by
        /// change time, and deciding an order changes it (an acknowledgement, a shop status): acting page by page would
        /// move earlier orders out of (or to the end of) the list and shift later ones onto pages already read, where
        /// they would never be seen — and the checkpoint would then move past them.</summary>
        private async Task<List<T>> ListAllAsync<T>(
            Func<string?, CancellationToken, Task<(IReadOnlyList<T> Items, string? Next)>> listPage,
            CancellationToken cancellationToken)
        {
            var all = new List<T>();
            string? pageToken = null;
            do
            {
                var (items, next) = await listPage(pageToken, cancellationToken).ConfigureAwait(false);
                await keeper.KeepAsync(cancellationToken).ConfigureAwait(false);
                all.AddRange(items);
                pageToken = next;
            }
            while (pageToken is not null);

            return all;
        }

        /// <summary>Works through the listed orders <see cref="WorkflowOptions.PollParallelism"/> at a time, reporting a
        /// back-fill's progress after each chunk. Any failure fails the poll before its checkpoint is written, so the
        /// next attempt lists the same window again.</summary>
        private async Task ForEachChunkAsync<T>(IReadOnlyList<T> items, Func<T, CancellationToken, Task> work, CancellationToken cancellationToken)
        {
            const int ChunkSize = 100;
            for (var start = 0; start < items.Count; start += ChunkSize)
            {
                await Parallel.ForEachAsync(
                    items.Skip(start).Take(ChunkSize),
                    Parallelism(cancellationToken),
                    async (item, ct) =>
                    {
                        await work(item, ct).ConfigureAwait(false);
                        await keeper.KeepAsync(ct).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                await ReportProgressAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public async Task ReportAsync(string status, CancellationToken cancellationToken) =>
            await poller._pollState.UpdateRunAsync(
                new PollRun(IntegrationId, message.Run, message.Since ?? Until, status, Until, status == PollRunStatus.Completed ? poller._time.GetUtcNow() : null, Counter.Snapshot()),
                cancellationToken).ConfigureAwait(false);

        private async Task ReceiveOrUpdateAsync(MarketplaceOrder order, CancellationToken cancellationToken)
        {
            if (!TryKey(order.OrderId, out var key))
            {
                return;
            }

            // An order placed after the last poll's window began cannot be known yet: try to insert it straight away.
            // Unless the last poll's memo names it: then it was received already and has changed since (the hub's own
            // acknowledgement, most often), and an insert would only fail — a billed conflict before the same read.
            var likelyNew = (checkpoint.MarketplaceUntil is not { } lastPoll || order.PlacedAt >= lastPoll - Options.PollOverlap)
                && !MemoNamesOrder(order.OrderId);
            var stored = likelyNew ? null : await poller._orders.GetAsync(key, cancellationToken).ConfigureAwait(false);
            string? leaseOwner = null;
            if (stored is null)
            {
                // Claim it by inserting it, with this poll's lease: the same insert dedupes a second poller, which then
                // finds the order leased and leaves it to this one.
                leaseOwner = OrderExecutor.NewLeaseOwner();
                var now = poller._time.GetUtcNow();
                var state = OrderState.Receive(key, record.Integration.Marketplace.Kind, order, now);
                var first = new OrderHistoryEntry(now, "order-received", "-", state.Describe(), $"first seen on the marketplace in '{order.Status}'", null);
                stored = await poller._orders.TryInsertAsync(state, first, new OrderLease(leaseOwner, now + Options.LeaseDuration), message.Run, cancellationToken).ConfigureAwait(false);
                if (stored is not null)
                {
                    Counter.Received();
                    Received.Add(state);
                }
                else
                {
                    // Another poller inserted it first.
                    leaseOwner = null;
                    stored = await poller._orders.GetAsync(key, cancellationToken).ConfigureAwait(false);
                    ReportIfUnreported(stored);
                }
            }
            else
            {
                ReportIfUnreported(stored);
            }

            if (stored is null)
            {
                return;
            }

            Count(await poller._executor.ExecuteInlineAsync(key, new MarketplaceOrderSeen(order), cancellationToken, stored, leaseOwner).ConfigureAwait(false));
        }

        /// <summary>Reports an order this poll did not insert when it is still unreported: received by this run (in an
        /// earlier attempt, or by another instance working the same run), or by a scheduled run that never recorded its
        /// orders — one that is not among the recent runs yet received the order after the last recorded poll began.
        /// So each order is announced by one run: the one whose insert received it (its <c>ReceivedInRun</c>), or, when
        /// that scheduled run died first, the one scheduled poll that adopts it and records the dead run among the recent
        /// runs in the same checkpoint write. Adoption is safe only because scheduled polls of an integration never
        /// overlap (the poll claim; a poll that lost it fails before it announces). A back-fill runs alongside them:
        /// it adopts nothing, and its orders are never adopted — its redelivery re-reads the same window and announces
        /// them itself under its own id.</summary>
        private void ReportIfUnreported(StoredOrder? stored)
        {
            if (stored?.ReceivedInRun is not { } receivedIn)
            {
                return;
            }

            var thisRun = string.Equals(receivedIn, message.Run, StringComparison.Ordinal);
            var orphan = !thisRun
                && !message.IsBackfill
                && !PollMessage.IsBackfillRun(receivedIn)
                && !checkpoint.RecentRuns.Contains(receivedIn, StringComparer.Ordinal)
                && (checkpoint.MarketplaceUntil is not { } lastPoll || stored.State.ReceivedAt >= lastPoll);
            if (thisRun || orphan)
            {
                Received.Add(stored.State);
            }

            if (orphan)
            {
                AdoptedRunSet.TryAdd(receivedIn, 0);
            }
        }

        private bool TryKey(string marketplaceOrderId, out OrderKey key)
        {
            try
            {
                key = OrderKey.Create(IntegrationId, marketplaceOrderId);
                return true;
            }
            catch (ArgumentException)
            {
                LogBadOrderId(poller._logger, IntegrationId);
                key = default;
                return false;
            }
        }

        private void Count(ExecutionResult result)
        {
            switch (result.Outcome)
            {
                case ExecutionOutcome.NoOp:
                case ExecutionOutcome.Unknown:
                    Counter.Unchanged();
                    break;
                case ExecutionOutcome.Deferred:
                case ExecutionOutcome.RetryScheduled:
                    Counter.HandedToQueue();
                    break;
                default:
                    Counter.Updated();
                    break;
            }
        }

        private bool Actionable(string shopStatus) =>
            record.StatusMap.FindReverse(shopStatus) is { Active: true, Action: not ReverseAction.None };

        private DateTimeOffset Since(DateTimeOffset? previousUntil) =>
            message.Since ?? (previousUntil is { } until ? until - Options.PollOverlap : Until - Options.FirstPollLookback);

        private ParallelOptions Parallelism(CancellationToken cancellationToken) =>
            new() { MaxDegreeOfParallelism = Options.PollParallelism, CancellationToken = cancellationToken };

        private Task ReportProgressAsync(CancellationToken cancellationToken) =>
            message.IsBackfill ? ReportAsync(PollRunStatus.Running, cancellationToken) : Task.CompletedTask;

        private static string Memo(string id, DateTimeOffset changedAt) => $"{id}@{changedAt.UtcTicks}";

        /// <summary>Whether the checkpoint's marketplace memo holds the order under any change time.</summary>
        private bool MemoNamesOrder(string orderId) => _memoOrderIds.Value.Contains(orderId);
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Poll for integration {IntegrationId}, which does not exist")]
    private static partial void LogNoIntegration(ILogger logger, string integrationId);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "Integration {IntegrationId} was already polled in run {Run}")]
    private static partial void LogAlreadyPolled(ILogger logger, string integrationId, string run);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Polled {IntegrationId} ({Run}): {Listed} marketplace orders listed, {Received} new, {ShopListed} shop orders listed, {Updated} updated, {Unchanged} unchanged, {HandedToQueue} handed to the step queue")]
    private static partial void LogPolled(ILogger logger, string integrationId, string run, int listed, int received, int shopListed, int updated, int unchanged, int handedToQueue);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Information, Message = "Integration {IntegrationId} is being polled by another run; poll {Run} exits without work")]
    private static partial void LogPollInProgress(ILogger logger, string integrationId, string run);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Integration {IntegrationId}: the marketplace listed an order with an unusable id; skipped")]
    private static partial void LogBadOrderId(ILogger logger, string integrationId);
}

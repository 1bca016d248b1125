using System.Globalization;
using Azure;
using OrderFunctions.Storage;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;

namespace OrderFunctions.Workflow.Polling;

/// <summary>
/// The polling rows in each integration's partition of the integrations table: <c>checkpoint</c> (written once per
/// poll, not per order), <c>schedule</c> (when the scheduler last queued a poll, and which run holds the integration's
/// poll claim until when) and <c>run|{id}</c> (back-fills).
/// </summary>
public sealed class PollStateStore(WorkflowStorage storage)
{
    /// <summary>Memo entries kept per side; beyond this the oldest are dropped (they are then merely read again).</summary>
    private const int MaxMemoCharacters = 30_000;

    private readonly TableClient _table = storage.Integrations;

    internal static PollCheckpoint ReadCheckpoint(TableEntity? entity) => entity is null
        ? PollCheckpoint.None
        : new PollCheckpoint(
            entity.GetDateTimeOffset("MarketplaceUntil"),
            ReadMemo(entity.GetString("MarketplaceSeen")),
            entity.GetDateTimeOffset("ShopUntil"),
            ReadMemo(entity.GetString("ShopSeen")),
            entity.GetString("RecentRuns") is { } runs ? WorkflowJson.ParseList(runs) : [],
            TableText.Read(entity, "PendingNotifications") is { } pending ? WorkflowJson.ParseNotifications(pending) : [],
            entity.ETag);

    /// <summary>Saves the checkpoint over <paramref name="read"/> and returns what was saved, with its ETag. A concurrent
    /// poll of the same integration (a back-fill alongside a scheduled poll) is merged, not overwritten: the later ends,
    /// both memos, both run lists and both outboxes win — so what was saved is not always <paramref name="next"/>, and
    /// the outbox must be cleared from the returned checkpoint, or the clearing would write the other poll's part away.</summary>
    internal async Task<PollCheckpoint> SaveCheckpointAsync(string integrationId, PollCheckpoint read, PollCheckpoint next, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var etag = read.Exists
                    ? await _table.UpdateEntityAsync(ToEntity(integrationId, next), read.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                    : await _table.AddEntityAsync(ToEntity(integrationId, next), cancellationToken).ConfigureAwait(false);
                return next with { ETag = etag };
            }
            catch (RequestFailedException e) when ((e.IsPreconditionFailed() || e.IsConflict()) && attempt < 5)
            {
                var latest = ReadCheckpoint(await _table.GetEntityOrDefaultAsync(integrationId, IntegrationEntities.CheckpointRowKey, cancellationToken: cancellationToken).ConfigureAwait(false));
                next = new PollCheckpoint(
                    Later(latest.MarketplaceUntil, next.MarketplaceUntil),
                    latest.MarketplaceSeen.Union(next.MarketplaceSeen).ToHashSet(StringComparer.Ordinal),
                    Later(latest.ShopUntil, next.ShopUntil),
                    latest.ShopSeen.Union(next.ShopSeen).ToHashSet(StringComparer.Ordinal),
                    Runs(next.RecentRuns, latest.RecentRuns),
                    [.. next.PendingNotifications.UnionBy(latest.PendingNotifications, n => n.Id)],
                    default);
                read = latest;
            }
        }
    }

    /// <summary>Takes the notifications that were sent out of the outbox. When the checkpoint changed meanwhile they stay
    /// in it, and the next poll sends them again under the same ids.</summary>
    internal async Task ClearSentAsync(string integrationId, PollCheckpoint saved, IReadOnlyCollection<string> sentIds, CancellationToken cancellationToken)
    {
        var next = saved with { PendingNotifications = [.. saved.PendingNotifications.Where(n => !sentIds.Contains(n.Id))] };
        try
        {
            await _table.UpdateEntityAsync(ToEntity(integrationId, next), saved.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            // Another poll wrote the checkpoint; it carries the outbox on, and the next poll re-sends it.
        }
    }

    /// <summary><paramref name="newest"/> first, then the rest, without repeats, at most <see cref="PollCheckpoint.RecentRunCount"/>.</summary>
    internal static IReadOnlyList<string> Runs(IEnumerable<string> newest, IEnumerable<string> older) =>
        [.. newest.Concat(older).Distinct(StringComparer.Ordinal).Take(PollCheckpoint.RecentRunCount)];

    private static TableEntity ToEntity(string integrationId, PollCheckpoint checkpoint)
    {
        var entity = new TableEntity(integrationId, IntegrationEntities.CheckpointRowKey)
        {
            ["MarketplaceSeen"] = WriteMemo(checkpoint.MarketplaceSeen),
            ["ShopSeen"] = WriteMemo(checkpoint.ShopSeen),
            ["RecentRuns"] = WorkflowJson.SerializeList([.. checkpoint.RecentRuns]),
        };
        if (checkpoint.MarketplaceUntil is { } marketplaceUntil)
        {
            entity["MarketplaceUntil"] = marketplaceUntil;
        }

        if (checkpoint.ShopUntil is { } shopUntil)
        {
            entity["ShopUntil"] = shopUntil;
        }

        if (checkpoint.PendingNotifications.Count > 0)
        {
            TableText.Put(entity, "PendingNotifications", WorkflowJson.SerializeNotifications([.. checkpoint.PendingNotifications]), $"the poll checkpoint of {integrationId}");
        }

        return entity;
    }

    /// <summary>Every integration with its <c>schedule</c> row (one query of the small integrations table).</summary>
    internal async Task<IReadOnlyList<PollSchedule>> ReadSchedulesAsync(CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        var integrations = new Dictionary<string, Integration>(StringComparer.Ordinal);
        var schedules = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var filter = $"RowKey eq '{IntegrationEntities.IntegrationRowKey}' or RowKey eq '{IntegrationEntities.ScheduleRowKey}'";
        await foreach (var entity in _table.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == IntegrationEntities.IntegrationRowKey)
            {
                integrations[entity.PartitionKey] = IntegrationEntities.FromEntity(entity);
            }
            else
            {
                schedules[entity.PartitionKey] = entity;
            }
        }

        return [.. integrations.Values.Select(i => ToSchedule(i, schedules.GetValueOrDefault(i.Id)))];
    }

    /// <summary>Records that a poll is being queued now, with its claim on the integration until
    /// <paramref name="claimedUntil"/>; false when another scheduler did so first.</summary>
    internal async Task<bool> TryClaimScheduleAsync(string integrationId, ETag scheduleETag, DateTimeOffset now, string run, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(integrationId, IntegrationEntities.ScheduleRowKey)
        {
            ["LastQueuedAt"] = now,
            ["LastRun"] = run,
            ["ClaimRun"] = run,
            ["ClaimedUntil"] = claimedUntil,
        };
        try
        {
            if (scheduleETag == default)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, scheduleETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsConflict())
        {
            return false;
        }
    }

    /// <summary>Takes the integration's poll claim for <paramref name="run"/> until <paramref name="claimedUntil"/>: the
    /// run's own claim (queued by the scheduler, or an earlier attempt of the run) is renewed, a lapsed or released one is
    /// taken over. Null while another run's claim is in force — that poll is still running.</summary>
    internal async Task<PollClaim?> TryTakePollClaimAsync(string integrationId, string run, DateTimeOffset now, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = await _table.GetEntityOrDefaultAsync(integrationId, IntegrationEntities.ScheduleRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        var inForceUntil = row?.GetDateTimeOffset("ClaimedUntil") is { } until && until > now ? until : (DateTimeOffset?)null;
        if (inForceUntil is { } held)
        {
            // The run's own claim (the scheduler took it when it queued the run) is used as it is: no write; the poll
            // renews it once half of it has passed. Another run's claim in force: that poll is still running.
            return string.Equals(row!.GetString("ClaimRun"), run, StringComparison.Ordinal) ? new PollClaim(integrationId, run, held, row.ETag) : null;
        }

        try
        {
            return await WriteClaimAsync(new PollClaim(integrationId, run, claimedUntil, row?.ETag ?? default), claimedUntil, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsConflict())
        {
            // Another poll (or the scheduler) wrote the row between the read and this write.
            return null;
        }
    }

    /// <summary>Extends the claim; throws <see cref="PollClaimLostException"/> when another run took it meanwhile (this
    /// poll was too slow to renew before its claim lapsed).</summary>
    internal async Task<PollClaim> RenewPollClaimAsync(PollClaim claim, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteClaimAsync(claim, claimedUntil, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsConflict())
        {
            throw new PollClaimLostException(claim.IntegrationId, claim.Run, e);
        }
    }

    /// <summary>Ends the claim so the next poll can be queued; a claim another run took over already is left alone.</summary>
    internal async Task ReleasePollClaimAsync(PollClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await WriteClaimAsync(claim, now, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed() || e.IsConflict())
        {
        }
    }

    /// <summary>Merges the claim columns only, so the scheduler's <c>LastQueuedAt</c> stays as it was.</summary>
    private async Task<PollClaim> WriteClaimAsync(PollClaim claim, DateTimeOffset claimedUntil, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(claim.IntegrationId, IntegrationEntities.ScheduleRowKey) { ["ClaimRun"] = claim.Run, ["ClaimedUntil"] = claimedUntil };
        var etag = claim.ScheduleETag == default
            ? await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
            : await _table.UpdateEntityAsync(entity, claim.ScheduleETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        return claim with { ClaimedUntil = claimedUntil, ScheduleETag = etag };
    }

    private static PollSchedule ToSchedule(Integration integration, TableEntity? row) => row is null
        ? new PollSchedule(integration, null, null, default)
        : new PollSchedule(integration, row.GetDateTimeOffset("LastQueuedAt"), row.GetDateTimeOffset("ClaimedUntil"), row.ETag);

    internal async Task CreateRunAsync(PollRun run, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _table.AddEntityAsync(ToEntity(run), cancellationToken).ConfigureAwait(false);
    }

    internal async Task UpdateRunAsync(PollRun run, CancellationToken cancellationToken) =>
        await _table.UpdateEntityAsync(ToEntity(run), ETag.All, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    public async Task<PollRun?> GetRunAsync(string integrationId, string runId, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _table.GetEntityOrDefaultAsync(integrationId, IntegrationEntities.RunRowPrefix + runId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FromEntity(entity);
    }

    private static TableEntity ToEntity(PollRun run)
    {
        var entity = new TableEntity(run.IntegrationId, IntegrationEntities.RunRowPrefix + run.RunId)
        {
            ["Since"] = run.Since,
            ["Status"] = run.Status,
            ["QueuedAt"] = run.QueuedAt,
            ["MarketplaceOrdersListed"] = run.Counts.MarketplaceOrdersListed,
            ["OrdersReceived"] = run.Counts.OrdersReceived,
            ["ShopOrdersListed"] = run.Counts.ShopOrdersListed,
            ["OrdersUpdated"] = run.Counts.OrdersUpdated,
            ["Unchanged"] = run.Counts.Unchanged,
            ["HandedToQueue"] = run.Counts.HandedToQueue,
        };
        if (run.CompletedAt is { } completed)
        {
            entity["CompletedAt"] = completed;
        }

        return entity;
    }

    private static PollRun FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.RowKey[IntegrationEntities.RunRowPrefix.Length..],
        e.GetDateTimeOffset("Since") ?? default,
        e.GetString("Status") ?? PollRunStatus.Queued,
        e.GetDateTimeOffset("QueuedAt") ?? default,
        e.GetDateTimeOffset("CompletedAt"),
        new PollCounts(
            e.GetInt32("MarketplaceOrdersListed") ?? 0,
            e.GetInt32("OrdersReceived") ?? 0,
            e.GetInt32("ShopOrdersListed") ?? 0,
            e.GetInt32("OrdersUpdated") ?? 0,
            e.GetInt32("Unchanged") ?? 0,
            e.GetInt32("HandedToQueue") ?? 0));

    private static HashSet<string> ReadMemo(string? json) =>
        json is null ? new HashSet<string>(StringComparer.Ordinal) : WorkflowJson.ParseList(json).ToHashSet(StringComparer.Ordinal);

    /// <summary>Newest entries first (by the ticks after '@') until the property is full.</summary>
    private static string WriteMemo(IEnumerable<string> memo)
    {
        var kept = new List<string>();
        var length = 2;
        foreach (var entry in memo.OrderByDescending(Ticks))
        {
            length += entry.Length + 3;
            if (length > MaxMemoCharacters)
            {
                break;
            }

            kept.Add(entry);
        }

        return WorkflowJson.SerializeList(kept);
    }

    private static long Ticks(string entry) =>
        long.TryParse(entry.AsSpan(entry.LastIndexOf('@') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0;

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}

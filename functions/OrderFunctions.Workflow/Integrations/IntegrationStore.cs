using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Options;
using OrderFunctions.Storage;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Marketplaces;

namespace OrderFunctions.Workflow.Integrations;

/// <summary>An integration with its status map, as stored; <see cref="ETag"/> guards updates of either.</summary>
public sealed record IntegrationRecord(Integration Integration, StatusMap StatusMap, ETag ETag)
{
    public MarketplaceDescriptor Marketplace => MarketplaceCatalog.Find(Integration.Marketplace.Kind)
        ?? throw new InvalidOperationException($"Integration '{Integration.Id}' names unknown marketplace '{Integration.Marketplace.Kind}'.");
}

/// <summary>The integration exists already (create), is missing (update), or changed since it was read (If-Match).</summary>
public sealed class IntegrationConflictException(string message, Exception? innerException = null) : Exception(message, innerException);

public sealed class IntegrationNotFoundException(string integrationId)
    : Exception($"Integration '{integrationId}' does not exist.")
{
    public string IntegrationId { get; } = integrationId;
}

/// <summary>
/// Integrations and their status maps as data in the integrations table (D8): many per deployment, edited over HTTP
/// with optimistic concurrency. Reads for the workflow go through a short per-instance cache
/// (<see cref="WorkflowOptions.IntegrationCacheDuration"/>); this instance's own edits clear it at once.
/// </summary>
public sealed class IntegrationStore(WorkflowStorage storage, TimeProvider time, IOptions<WorkflowOptions> options)
{
    private readonly TableClient _table = storage.Integrations;
    private readonly ConcurrentDictionary<string, (IntegrationRecord? Record, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>The integration as stored now (one query of its partition), or null.</summary>
    public async Task<IntegrationRecord?> GetAsync(string integrationId, CancellationToken cancellationToken) =>
        (await ReadPartitionAsync(integrationId, cancellationToken).ConfigureAwait(false)).Record;

    /// <summary>The integration and its poll checkpoint row in the same single query (the poll's first read); the
    /// record also refreshes this instance's cache, which the poll's order executions then use.</summary>
    internal async Task<(IntegrationRecord? Record, TableEntity? Checkpoint)> GetForPollAsync(string integrationId, CancellationToken cancellationToken)
    {
        var read = await ReadPartitionAsync(integrationId, cancellationToken).ConfigureAwait(false);
        _cache[integrationId] = (read.Record, time.GetUtcNow() + options.Value.IntegrationCacheDuration);
        return read;
    }

    private async Task<(IntegrationRecord? Record, TableEntity? Checkpoint)> ReadPartitionAsync(string integrationId, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        ArgumentException.ThrowIfNullOrEmpty(integrationId);
        TableEntity? row = null;
        TableEntity? checkpoint = null;
        var entries = new List<StatusMapEntry>();
        var reverse = new List<ReverseStatusMapEntry>();
        var filter = $"PartitionKey eq '{Escape(integrationId)}' and RowKey lt '{IntegrationEntities.ReadBoundary}'";
        await foreach (var entity in _table.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.RowKey == IntegrationEntities.IntegrationRowKey)
            {
                row = entity;
            }
            else if (entity.RowKey.StartsWith(IntegrationEntities.MapRowPrefix, StringComparison.Ordinal))
            {
                entries.Add(IntegrationEntities.FromMapEntity(entity));
            }
            else if (entity.RowKey.StartsWith(IntegrationEntities.ReverseRowPrefix, StringComparison.Ordinal))
            {
                reverse.Add(IntegrationEntities.FromReverseEntity(entity));
            }
            else if (entity.RowKey == IntegrationEntities.CheckpointRowKey)
            {
                checkpoint = entity;
            }
        }

        if (row is null)
        {
            return (null, null);
        }

        var integration = IntegrationEntities.FromEntity(row);
        var order = MarketplaceCatalog.Find(integration.Marketplace.Kind)?.Statuses.Select(s => s.Name).ToList() ?? [];
        entries.Sort((a, b) => order.IndexOf(a.MarketplaceStatus).CompareTo(order.IndexOf(b.MarketplaceStatus)));
        return (new IntegrationRecord(integration, new StatusMap(entries, reverse), row.ETag), checkpoint);
    }

    /// <summary>The integration as the workflow sees it: cached briefly per instance.</summary>
    public async Task<IntegrationRecord?> GetCachedAsync(string integrationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(integrationId, out var cached) && cached.Until > now)
        {
            return cached.Record;
        }

        var record = await GetAsync(integrationId, cancellationToken).ConfigureAwait(false);
        _cache[integrationId] = (record, now + options.Value.IntegrationCacheDuration);
        return record;
    }

    public void Invalidate(string integrationId) => _cache.TryRemove(integrationId, out _);

    /// <summary>All integrations (without their maps), for listing and for the poll schedule.</summary>
    public async Task<IReadOnlyList<IntegrationRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<IntegrationRecord>();
        var filter = $"RowKey eq '{IntegrationEntities.IntegrationRowKey}'";
        await foreach (var entity in _table.QueryAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new IntegrationRecord(IntegrationEntities.FromEntity(entity), new StatusMap([], []), entity.ETag));
        }

        return records;
    }

    /// <summary>Stores a new integration with its status map (the default map of its marketplace and shop when none is
    /// given); a map naming statuses the shop cannot set is refused.</summary>
    public async Task<IntegrationRecord> CreateAsync(Integration integration, StatusMap? statusMap, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        IntegrationValidator.ThrowIfInvalid(IntegrationValidator.Validate(integration));
        var marketplace = MarketplaceCatalog.Find(integration.Marketplace.Kind)!;
        var map = statusMap ?? DefaultStatusMaps.For(marketplace, integration.Shop.Kind);
        IntegrationValidator.ThrowIfInvalid(IntegrationValidator.Validate(map, marketplace, integration.Shop.Kind));
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, IntegrationEntities.ToEntity(integration)) };
        actions.AddRange(MapRows(integration.Id, map).Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        try
        {
            var results = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            Invalidate(integration.Id);
            return new IntegrationRecord(integration, map, results[0].ETag);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            throw new IntegrationConflictException($"Integration '{integration.Id}' exists already.", e);
        }
    }

    /// <summary>Replaces the accounts and settings if the integration is still at <paramref name="ifMatch"/>.</summary>
    public async Task<IntegrationRecord> UpdateAsync(Integration integration, ETag ifMatch, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        IntegrationValidator.ThrowIfInvalid(IntegrationValidator.Validate(integration));
        var current = await GetAsync(integration.Id, cancellationToken).ConfigureAwait(false) ?? throw new IntegrationNotFoundException(integration.Id);
        if (!string.Equals(current.Integration.Marketplace.Kind, integration.Marketplace.Kind, StringComparison.Ordinal))
        {
            IntegrationValidator.ThrowIfInvalid(new Dictionary<string, string[]> { ["marketplace.kind"] = ["The marketplace of an integration cannot change; create a new integration."] });
        }

        // A shop of another kind may not be able to set the statuses the current map names.
        IntegrationValidator.ThrowIfInvalid(IntegrationValidator.Validate(current.StatusMap, current.Marketplace, integration.Shop.Kind));

        try
        {
            var etag = await _table.UpdateEntityAsync(IntegrationEntities.ToEntity(integration), ifMatch, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            Invalidate(integration.Id);
            return current with { Integration = integration, ETag = etag };
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            throw new IntegrationConflictException($"Integration '{integration.Id}' was changed since it was read.", e);
        }
    }

    /// <summary>Replaces the whole status map atomically if the integration is still at <paramref name="ifMatch"/>.</summary>
    public async Task<IntegrationRecord> ReplaceStatusMapAsync(string integrationId, StatusMap statusMap, ETag ifMatch, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        var current = await GetAsync(integrationId, cancellationToken).ConfigureAwait(false) ?? throw new IntegrationNotFoundException(integrationId);
        IntegrationValidator.ThrowIfInvalid(IntegrationValidator.Validate(statusMap, current.Marketplace, current.Integration.Shop.Kind));
        var wanted = MapRows(integrationId, statusMap).ToDictionary(e => e.RowKey, StringComparer.Ordinal);
        var existing = MapRows(integrationId, current.StatusMap).Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);

        // The integration row is rewritten unchanged under If-Match: the map is only replaced over the version the editor saw.
        var row = IntegrationEntities.ToEntity(current.Integration);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, ifMatch) };
        actions.AddRange(existing.Where(k => !wanted.ContainsKey(k)).Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(integrationId, k), ETag.All)));
        actions.AddRange(wanted.Values.Select(e => new TableTransactionAction(
            existing.Contains(e.RowKey) ? TableTransactionActionType.UpdateReplace : TableTransactionActionType.Add, e, ETag.All)));
        try
        {
            var results = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            Invalidate(integrationId);
            return current with { StatusMap = statusMap, ETag = results[0].ETag };
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            throw new IntegrationConflictException($"Integration '{integrationId}' was changed since it was read.", e);
        }
    }

    private static IEnumerable<TableEntity> MapRows(string integrationId, StatusMap map) =>
        map.Entries.Select(e => IntegrationEntities.ToEntity(integrationId, e))
            .Concat(map.Reverse.Select(e => IntegrationEntities.ToEntity(integrationId, e)));

    private static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}

using Azure;

namespace OrderFunctions.Storage.Tables;

/// <summary>
/// One table of the Table service, over the REST API (JSON, no OData metadata on reads except types).
/// Every failure surfaces as <see cref="RequestFailedException"/> with <c>Status</c> and <c>ErrorCode</c>
/// (see <see cref="StorageErrorCodes"/> and <see cref="StorageExceptionExtensions"/>).
/// </summary>
public sealed class TableClient
{
    public string Name => throw new NotImplementedException();

    /// <summary>Creates the table; an existing table is not an error.</summary>
    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Deletes the table if present (test clean-up).</summary>
    public Task DeleteIfExistsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>The entity, or null on 404.</summary>
    public Task<TableEntity?> GetEntityOrDefaultAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Inserts; 409 <c>EntityAlreadyExists</c> when present (insert-if-absent is how the domain dedupes).</summary>
    public Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Update or merge with <c>If-Match</c>; 412 <c>UpdateConditionNotSatisfied</c> on a stale ETag, 404 if absent.
    /// Pass <see cref="ETag.All"/> for an unconditional update of an existing entity.</summary>
    public Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Insert-or-merge / insert-or-replace: no concurrency check, so never for a state transition (DESIGN D5).</summary>
    public Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Deletes with <c>If-Match</c> (<see cref="ETag.All"/> for unconditional); 404 if absent.</summary>
    public Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>One page of a filtered query (at most 1,000 entities per page, the service's limit).
    /// Pass the returned <see cref="TablePage.ContinuationToken"/> back to get the next page.</summary>
    public Task<TablePage> QueryPageAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, string? continuationToken = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>All entities matching the filter, following continuation tokens.</summary>
    public IAsyncEnumerable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>An entity group transaction: up to 100 actions, one partition, atomic. On failure throws
    /// <see cref="TableTransactionFailedException"/> naming the failed action's index.</summary>
    public Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

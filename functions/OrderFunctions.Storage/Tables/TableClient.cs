using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Storage.Pipeline;

namespace OrderFunctions.Storage.Tables;

/// <summary>
/// One table of the Table service, over the REST API (JSON, no OData metadata on reads except types).
/// Every failure surfaces as <see cref="RequestFailedException"/> with <c>Status</c> and <c>ErrorCode</c>
/// (see <see cref="StorageErrorCodes"/> and <see cref="StorageExceptionExtensions"/>).
/// </summary>
public sealed class TableClient
{
    /// <summary>Minimal metadata: values plus the <c>@odata.type</c> annotations JSON cannot infer.</summary>
    internal const string AcceptJson = "application/json;odata=minimalmetadata";

    /// <summary>The service's page limit.</summary>
    public const int MaxPageSize = 1000;

    private static readonly RequestMethod Merge = new("MERGE");
    private static readonly ResponseClassifier Ok200 = StoragePipeline.Classifier(200);
    private static readonly ResponseClassifier Ok200Or404 = StoragePipeline.Classifier(200, 404);
    private static readonly ResponseClassifier Ok202 = StoragePipeline.Classifier(202);
    private static readonly ResponseClassifier Ok204 = StoragePipeline.Classifier(204);
    private static readonly ResponseClassifier Ok204Or404 = StoragePipeline.Classifier(204, 404);
    private static readonly ResponseClassifier Ok204Or409 = StoragePipeline.Classifier(204, 409);

    private readonly Uri _serviceUri;
    private readonly HttpPipeline _pipeline;

    internal TableClient(string name, Uri serviceUri, HttpPipeline pipeline)
    {
        Name = name;
        _serviceUri = serviceUri;
        _pipeline = pipeline;
    }

    public string Name { get; }

    /// <summary>Creates the table; an existing table is not an error.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, StorageOperationKinds.TableCreate, Ok204Or409);
        message.Request.Uri.AppendPath("/Tables", escape: false);
        message.Request.Headers.SetValue(StorageHeaders.Prefer, StorageHeaders.ReturnNoContent);
        SetJsonContent(message.Request, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        ThrowUnlessErrorCode(response, 409, StorageErrorCodes.TableAlreadyExists);
    }

    /// <summary>Deletes the table if present (test clean-up).</summary>
    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, StorageOperationKinds.Other, Ok204Or404);
        message.Request.Uri.AppendPath($"/Tables('{Uri.EscapeDataString(Name)}')", escape: false);
        await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The entity, or null on 404 (a missing table is still an error: <c>TableNotFound</c>).</summary>
    public async Task<TableEntity?> GetEntityOrDefaultAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, StorageOperationKinds.TableGet, Ok200Or404);
        message.Request.Uri.AppendPath("/" + Name + EntityPath(partitionKey, rowKey), escape: false);
        AppendSelect(message.Request, select);
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            ThrowUnlessErrorCode(response, 404, StorageErrorCodes.ResourceNotFound);
            return null;
        }

        using var document = JsonDocument.Parse(response.Content);
        var entity = TableEntityJson.Deserialize(document.RootElement);
        if (response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return entity;
    }

    /// <summary>Inserts; 409 <c>EntityAlreadyExists</c> when present (insert-if-absent is how the domain dedupes).</summary>
    public async Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, StorageOperationKinds.TableInsert, Ok204);
        message.Request.Uri.AppendPath("/" + Name, escape: false);
        message.Request.Headers.SetValue(StorageHeaders.Prefer, StorageHeaders.ReturnNoContent);
        SetJsonContent(message.Request, TableEntityJson.Serialize(entity));
        return ETagOf(entity, await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Update or merge with <c>If-Match</c>; 412 <c>UpdateConditionNotSatisfied</c> on a stale ETag, 404 if absent.
    /// Pass <see cref="ETag.All"/> for an unconditional update of an existing entity.</summary>
    public Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        RequireETag(ifMatch);
        return WriteEntityAsync(entity, ifMatch, mode, mode == TableUpdateMode.Merge ? StorageOperationKinds.TableMerge : StorageOperationKinds.TableUpdate, cancellationToken);
    }

    /// <summary>Insert-or-merge / insert-or-replace: no concurrency check, so never for a state transition (DESIGN D5).</summary>
    public Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, ifMatch: null, mode, StorageOperationKinds.TableUpsert, cancellationToken);

    /// <summary>Deletes with <c>If-Match</c> (<see cref="ETag.All"/> for unconditional); 404 if absent.</summary>
    public async Task DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken = default)
    {
        RequireETag(ifMatch);
        using var message = CreateMessage(RequestMethod.Delete, StorageOperationKinds.TableDelete, Ok204);
        message.Request.Uri.AppendPath("/" + Name + EntityPath(partitionKey, rowKey), escape: false);
        message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, ifMatch.ToString());
        await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of a filtered query (at most 1,000 entities per page, the service's limit).
    /// Pass the returned <see cref="TablePage.ContinuationToken"/> back to get the next page. A page may be empty
    /// while a token is still returned; only a null token ends the query. Build filters with <see cref="TableFilter"/>.</summary>
    public async Task<TablePage> QueryPageAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        if (maxPerPage is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, $"A page holds 1 to {MaxPageSize} entities.");
        }

        using var message = CreateMessage(RequestMethod.Get, StorageOperationKinds.TableQuery, Ok200);
        var uri = message.Request.Uri;
        uri.AppendPath("/" + Name + "()", escape: false);
        if (!string.IsNullOrWhiteSpace(filter))
        {
            uri.AppendQuery("$filter", filter);
        }

        if (maxPerPage is { } top)
        {
            uri.AppendQuery("$top", top.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        AppendSelect(message.Request, select);
        if (continuationToken is not null)
        {
            var (nextPartitionKey, nextRowKey) = TableContinuationToken.Parse(continuationToken);
            uri.AppendQuery("NextPartitionKey", nextPartitionKey);
            if (nextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", nextRowKey);
            }
        }

        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content);
        var entities = document.RootElement.TryGetProperty("value", out var value)
            ? value.EnumerateArray().Select(TableEntityJson.Deserialize).ToList()
            : [];
        response.Headers.TryGetValue(StorageHeaders.ContinuationNextPartitionKey, out var nextPk);
        response.Headers.TryGetValue(StorageHeaders.ContinuationNextRowKey, out var nextRk);
        return new TablePage(entities, TableContinuationToken.Create(nextPk, nextRk));
    }

    /// <summary>All entities matching the filter, following continuation tokens.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var selected = select?.ToList();
        string? token = null;
        do
        {
            var page = await QueryPageAsync(filter, maxPerPage, selected, token, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>An entity group transaction: up to 100 actions, one partition, atomic. On failure throws
    /// <see cref="TableTransactionFailedException"/> naming the failed action's index.</summary>
    public async Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableTransactionBatch.Validate(actions);
        var (body, contentType) = TableTransactionBatch.Build(_serviceUri, Name, actions);
        using var message = CreateMessage(RequestMethod.Post, StorageOperationKinds.TableBatch, Ok202);
        message.Request.Uri.AppendPath("/$batch", escape: false);
        message.Request.Headers.SetValue(HttpHeader.Names.ContentType, contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        var results = TableTransactionBatch.ParseResponse(response.Content.ToString(), actions);
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i].ActionType != TableTransactionActionType.Delete && results[i].ETag != default)
            {
                actions[i].Entity.ETag = results[i].ETag;
            }
        }

        return results;
    }

    /// <summary>The addressing segment of one entity. Keys are OData string literals (quote doubled), then
    /// percent-encoded for the path.</summary>
    internal static string EntityPath(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        return $"(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

        static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));
    }

    private async Task<ETag> WriteEntityAsync(TableEntity entity, ETag? ifMatch, TableUpdateMode mode, string kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var method = mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put;
        using var message = CreateMessage(method, kind, Ok204);
        message.Request.Uri.AppendPath("/" + Name + EntityPath(entity.PartitionKey, entity.RowKey), escape: false);
        if (ifMatch is { } etag)
        {
            message.Request.Headers.SetValue(HttpHeader.Names.IfMatch, etag.ToString());
        }

        SetJsonContent(message.Request, TableEntityJson.Serialize(entity));
        return ETagOf(entity, await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false));
    }

    private HttpMessage CreateMessage(RequestMethod method, string kind, ResponseClassifier classifier)
    {
        var message = _pipeline.CreateMessage(method, _serviceUri, kind, Name, classifier);
        message.Request.Headers.SetValue(HttpHeader.Names.Accept, AcceptJson);
        message.Request.Headers.SetValue(StorageHeaders.DataServiceVersion, "3.0");
        message.Request.Headers.SetValue(StorageHeaders.MaxDataServiceVersion, "3.0;NetFx");
        return message;
    }

    private static void SetJsonContent(Request request, byte[] json)
    {
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/json");
        request.Content = RequestContent.Create(json);
    }

    private static void AppendSelect(Request request, IEnumerable<string>? select)
    {
        if (select is null)
        {
            return;
        }

        // Keys are always selected so that every entity read back can be addressed again.
        var columns = new[] { "PartitionKey", "RowKey" }.Concat(select).Distinct(StringComparer.Ordinal);
        request.Uri.AppendQuery("$select", string.Join(',', columns));
    }

    private static ETag ETagOf(TableEntity entity, Response response)
    {
        var etag = response.Headers.ETag ?? default;
        entity.ETag = etag;
        return etag;
    }

    private static void RequireETag(ETag ifMatch)
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("If-Match is required: pass the ETag read with the entity, or ETag.All to overwrite unconditionally.", nameof(ifMatch));
        }
    }

    /// <summary>An expected failure status (409 on create, 404 on get) is only benign with its expected code.</summary>
    private static void ThrowUnlessErrorCode(Response response, int status, string expectedCode)
    {
        if (response.Status != status)
        {
            return;
        }

        var exception = new RequestFailedException(response);
        if (exception.ErrorCode is not null && exception.ErrorCode != expectedCode)
        {
            throw exception;
        }
    }
}

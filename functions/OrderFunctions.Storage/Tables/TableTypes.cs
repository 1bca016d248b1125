using Azure;

namespace OrderFunctions.Storage.Tables;

public enum TableUpdateMode
{
    Merge,
    Replace,
}

public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    UpsertMerge,
    UpsertReplace,
    Delete,
}

/// <summary>One action of an entity group transaction. <paramref name="IfMatch"/> applies to updates and deletes
/// (default: <see cref="ETag.All"/>).</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag IfMatch = default);

public sealed record TableTransactionResult(int Status, ETag ETag);

public sealed record TablePage(IReadOnlyList<TableEntity> Entities, string? ContinuationToken);

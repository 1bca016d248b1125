namespace OrderFunctions.Storage.Diagnostics;

/// <summary>The operation kinds <see cref="StorageTransactionCounter"/> counts; every request the clients send is
/// tagged with exactly one of them when it is created.</summary>
public static class StorageOperationKinds
{
    public const string TableGet = "table.get";
    public const string TableQuery = "table.query";
    public const string TableInsert = "table.insert";
    public const string TableUpdate = "table.update";
    public const string TableMerge = "table.merge";
    public const string TableUpsert = "table.upsert";
    public const string TableDelete = "table.delete";
    public const string TableBatch = "table.batch";
    public const string TableCreate = "table.create";
    public const string QueuePut = "queue.put";
    public const string QueueGet = "queue.get";
    public const string QueuePeek = "queue.peek";
    public const string QueueDelete = "queue.delete";
    public const string QueueUpdate = "queue.update";
    public const string QueueCreate = "queue.create";
    public const string QueueMetadata = "queue.metadata";
    public const string QueueClear = "queue.clear";

    /// <summary>Anything else: deleting a table or a queue, untagged requests.</summary>
    public const string Other = "other";
}

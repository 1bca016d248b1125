using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Storage.Tests.Support;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Storage.Tests.Diagnostics;

public sealed class StorageTransactionCounterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CountsEveryRequestByKind()
    {
        var counter = new StorageTransactionCounter();
        var options = new StorageClientOptions { TransactionCounter = counter };
        var table = await azurite.CreateTableAsync(options: options);
        var queue = await azurite.CreateQueueAsync(options: options);

        var etag = await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.GetEntityOrDefaultAsync("p", "r");
        await table.GetEntityOrDefaultAsync("p", "missing");
        etag = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = 1 }, etag);
        etag = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["A"] = 2 }, etag, TableUpdateMode.Replace);
        await table.UpsertEntityAsync(new TableEntity("p", "r2"));
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r3"))]);
        await table.QueryAsync().ToListAsync();
        await table.DeleteEntityAsync("p", "r", etag);
        await table.DeleteIfExistsAsync();
        await queue.SendMessageAsync("m");
        await queue.PeekMessagesAsync();
        var message = Assert.Single(await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30)));
        var update = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(30));
        await queue.DeleteMessageAsync(message.MessageId, update.PopReceipt);
        await queue.GetApproximateMessageCountAsync();
        await queue.ClearMessagesAsync();

        var expected = new Dictionary<string, long>
        {
            [StorageOperationKinds.TableCreate] = 1,
            [StorageOperationKinds.TableInsert] = 1,
            [StorageOperationKinds.TableGet] = 2,
            [StorageOperationKinds.TableMerge] = 1,
            [StorageOperationKinds.TableUpdate] = 1,
            [StorageOperationKinds.TableUpsert] = 1,
            [StorageOperationKinds.TableBatch] = 1,
            [StorageOperationKinds.TableQuery] = 1,
            [StorageOperationKinds.TableDelete] = 1,
            [StorageOperationKinds.Other] = 1,
            [StorageOperationKinds.QueueCreate] = 1,
            [StorageOperationKinds.QueuePut] = 1,
            [StorageOperationKinds.QueuePeek] = 1,
            [StorageOperationKinds.QueueGet] = 1,
            [StorageOperationKinds.QueueUpdate] = 1,
            [StorageOperationKinds.QueueDelete] = 1,
            [StorageOperationKinds.QueueMetadata] = 1,
            [StorageOperationKinds.QueueClear] = 1,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), counter.Snapshot().OrderBy(p => p.Key));
        Assert.Equal(expected.Values.Sum(), counter.Total);
    }

    [Fact]
    public async Task CountsEveryRequestByKindAndTheTableOrQueueItAddresses()
    {
        var counter = new StorageTransactionCounter();
        var options = new StorageClientOptions { TransactionCounter = counter };
        var orders = await azurite.CreateTableAsync(options: options);
        var integrations = await azurite.CreateTableAsync(options: options);
        var steps = await azurite.CreateQueueAsync(options: options);

        await orders.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r"))]);
        await orders.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r2"))]);
        await integrations.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r"))]);
        await orders.GetEntityOrDefaultAsync("p", "r");
        await steps.SendMessageAsync("m");
        await steps.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30));
        await steps.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30));

        var expected = new Dictionary<string, long>
        {
            [Key(StorageOperationKinds.TableCreate, orders.Name)] = 1,
            [Key(StorageOperationKinds.TableCreate, integrations.Name)] = 1,
            [Key(StorageOperationKinds.QueueCreate, steps.Name)] = 1,
            // A batch names its table only in its body (the URI is /$batch): still counted under the table.
            [Key(StorageOperationKinds.TableBatch, orders.Name)] = 2,
            [Key(StorageOperationKinds.TableBatch, integrations.Name)] = 1,
            [Key(StorageOperationKinds.TableGet, orders.Name)] = 1,
            [Key(StorageOperationKinds.QueuePut, steps.Name)] = 1,
            [Key(StorageOperationKinds.QueueGet, steps.Name)] = 2,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), counter.SnapshotByResource().OrderBy(p => p.Key));
        Assert.Equal("table.batch Orders", StorageTransactionCounter.ResourceKey(StorageOperationKinds.TableBatch, "Orders"));

        static string Key(string kind, string resource) => StorageTransactionCounter.ResourceKey(kind, resource);
    }

    [Fact]
    public async Task RetriesAreCountedAsTheTransactionsTheyAre()
    {
        var counter = new StorageTransactionCounter();
        var transport = new CapturingTransport(new CannedResponse(503), new CannedResponse(503), new CannedResponse(204, "", ("ETag", "W/\"1\"")));
        var options = new StorageClientOptions { TransactionCounter = counter, Transport = transport };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(1);
        var table = StorageConnection.FromConnectionString("UseDevelopmentStorage=true").CreateTableServiceClient(options).GetTableClient("orders");

        await table.AddEntityAsync(new TableEntity("p", "r"));

        Assert.Equal(3, transport.Requests.Count);
        Assert.Equal(3, counter.Snapshot()[StorageOperationKinds.TableInsert]);
        Assert.Equal(3, counter.SnapshotByResource()["table.insert orders"]);
    }

    [Fact]
    public void ConcurrentRecordsAreAllKeptAndResetStartsOver()
    {
        var counter = new StorageTransactionCounter();

        Parallel.For(0, 10_000, i => counter.Record(i % 2 == 0 ? StorageOperationKinds.QueuePut : StorageOperationKinds.QueueGet, i % 4 < 2 ? "a" : null));

        Assert.Equal(10_000, counter.Total);
        Assert.Equal(5_000, counter.Snapshot()[StorageOperationKinds.QueuePut]);
        Assert.Equal(2_500, counter.SnapshotByResource()["queue.put a"]);
        Assert.Equal(2_500, counter.SnapshotByResource()["queue.get a"]);
        counter.Reset();
        Assert.Equal(0, counter.Total);
        Assert.Empty(counter.Snapshot());
        Assert.Empty(counter.SnapshotByResource());
    }
}

using Azure;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Storage.Tests.Tables;

public sealed class TableTransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task TransactionCommitsEveryActionTypeAtomicallyAndReturnsETags()
    {
        var table = await azurite.CreateTableAsync();
        var toMerge = await table.AddEntityAsync(new TableEntity("order", "state") { ["State"] = "New", ["Keep"] = "yes" });
        var toReplace = await table.AddEntityAsync(new TableEntity("order", "replace") { ["Old"] = 1 });
        var toDelete = await table.AddEntityAsync(new TableEntity("order", "delete"));
        var state = new TableEntity("order", "state") { ["State"] = "Transferred" };

        var results = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, state, toMerge),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("order", "history-1") { ["To"] = "Transferred" }),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("order", "replace") { ["New"] = 2 }, toReplace),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("order", "upsert-merge") { ["U"] = 1 }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("order", "upsert-replace") { ["U"] = 2 }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("order", "delete"), toDelete),
        ]);

        Assert.Equal(6, results.Count);
        Assert.All(results, r => Assert.Equal(204, r.Status));
        var read = await table.GetEntityOrDefaultAsync("order", "state");
        Assert.Equal(("Transferred", "yes"), (read?.GetString("State"), read?.GetString("Keep")));
        Assert.Equal(read?.ETag, results[0].ETag);
        Assert.Equal(read?.ETag, state.ETag);
        Assert.NotNull(await table.GetEntityOrDefaultAsync("order", "history-1"));
        var replaced = await table.GetEntityOrDefaultAsync("order", "replace");
        Assert.Equal((null, 2), (replaced?.GetInt32("Old"), replaced?.GetInt32("New")));
        Assert.NotNull(await table.GetEntityOrDefaultAsync("order", "upsert-merge"));
        Assert.NotNull(await table.GetEntityOrDefaultAsync("order", "upsert-replace"));
        Assert.Null(await table.GetEntityOrDefaultAsync("order", "delete"));
    }

    [Fact]
    public async Task FailingActionRollsBackTheWholeTransactionAndNamesItsIndex()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("order", "existing"));

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("order", "a")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("order", "b")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("order", "existing")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("order", "c")),
        ]));

        Assert.Equal(409, e.Status);
        Assert.Equal(StorageErrorCodes.EntityAlreadyExists, e.ErrorCode);
        Assert.Equal(2, e.FailedActionIndex);
        Assert.IsAssignableFrom<RequestFailedException>(e);
        var remaining = await table.QueryAsync().ToListAsync();
        Assert.Equal(["existing"], remaining.Select(r => r.RowKey));
    }

    [Fact]
    public async Task StaleETagInATransactionFailsWith412AndChangesNothing()
    {
        var table = await azurite.CreateTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("order", "state") { ["State"] = "New" });
        await table.UpdateEntityAsync(new TableEntity("order", "state") { ["State"] = "Transferred" }, stale);

        var e = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("order", "history-1")),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("order", "state") { ["State"] = "Lost" }, stale),
        ]));

        Assert.Equal(412, e.Status);
        Assert.Equal(1, e.FailedActionIndex);
        Assert.Null(await table.GetEntityOrDefaultAsync("order", "history-1"));
        Assert.Equal("Transferred", (await table.GetEntityOrDefaultAsync("order", "state"))?.GetString("State"));
    }

    [Fact]
    public async Task TransactionsBeyondTheServiceLimitsAreRefusedBeforeAnyRequest()
    {
        var table = await azurite.CreateTableAsync();
        var tooMany = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}"))).ToList();
        TableTransactionAction[] twoPartitions =
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "r")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "r")),
        ];
        TableTransactionAction[] sameEntityTwice =
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "r")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "r")),
        ];

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(tooMany));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(twoPartitions));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(sameEntityTwice));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        Assert.Empty(await table.QueryAsync().ToListAsync());
    }
}

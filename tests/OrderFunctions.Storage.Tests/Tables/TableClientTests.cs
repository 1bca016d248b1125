using Azure;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Storage.Tests.Tables;

public sealed class TableClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task InsertThenGetRoundTripsEveryEdmType()
    {
        var table = await azurite.CreateTableAsync();
        var when = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(3)).AddTicks(1234567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("pk", "rk")
        {
            ["Text"] = "it's \"quoted\" ünicode",
            ["Flag"] = true,
            ["Count"] = 42,
            ["Big"] = long.MaxValue - 1,
            ["Whole"] = 2.0,
            ["Ratio"] = 0.1,
            ["Nan"] = double.NaN,
            ["When"] = when,
            ["Id"] = id,
            ["Bytes"] = new byte[] { 0, 1, 254, 255 },
        };

        var etag = await table.AddEntityAsync(entity);
        var read = await table.GetEntityOrDefaultAsync("pk", "rk");

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.NotEqual(default, etag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("it's \"quoted\" ünicode", Assert.IsType<string>(read["Text"]));
        Assert.True(Assert.IsType<bool>(read["Flag"]));
        Assert.Equal(42, Assert.IsType<int>(read["Count"]));
        Assert.Equal(long.MaxValue - 1, Assert.IsType<long>(read["Big"]));
        Assert.Equal(2.0, Assert.IsType<double>(read["Whole"]));
        Assert.Equal(0.1, Assert.IsType<double>(read["Ratio"]));
        Assert.True(double.IsNaN(Assert.IsType<double>(read["Nan"])));
        var readWhen = Assert.IsType<DateTimeOffset>(read["When"]);
        Assert.Equal(when, readWhen);
        Assert.Equal(TimeSpan.Zero, readWhen.Offset);
        Assert.Equal(id, Assert.IsType<Guid>(read["Id"]));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, Assert.IsType<byte[]>(read["Bytes"]));
    }

    [Fact]
    public async Task KeysWithQuotesAndReservedUrlCharactersRoundTrip()
    {
        var table = await azurite.CreateTableAsync();
        var entity = new TableEntity("o'brien & co", "a b+c=d%e'f") { ["V"] = 1 };

        await table.AddEntityAsync(entity);
        var read = await table.GetEntityOrDefaultAsync("o'brien & co", "a b+c=d%e'f");

        Assert.NotNull(read);
        Assert.Equal("o'brien & co", read.PartitionKey);
        Assert.Equal("a b+c=d%e'f", read.RowKey);
        await table.DeleteEntityAsync(read.PartitionKey, read.RowKey, read.ETag);
        Assert.Null(await table.GetEntityOrDefaultAsync("o'brien & co", "a b+c=d%e'f"));
    }

    [Fact]
    public async Task InsertingTheSameEntityTwiceFailsWith409EntityAlreadyExists()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("pk", "rk"));

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("pk", "rk")));

        Assert.Equal(409, e.Status);
        Assert.Equal(StorageErrorCodes.EntityAlreadyExists, e.ErrorCode);
        Assert.True(e.IsConflict());
    }

    [Fact]
    public async Task UpdateWithStaleETagFailsWith412AndWithCurrentETagSucceeds()
    {
        var table = await azurite.CreateTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("pk", "rk") { ["State"] = "New" });
        var current = await table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["State"] = "Transferred" }, stale);

        var e = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["State"] = "Lost" }, stale, TableUpdateMode.Replace));
        var next = await table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["State"] = "Shipped" }, current, TableUpdateMode.Replace);

        Assert.Equal(412, e.Status);
        Assert.Equal(StorageErrorCodes.UpdateConditionNotSatisfied, e.ErrorCode);
        Assert.True(e.IsPreconditionFailed());
        var read = await table.GetEntityOrDefaultAsync("pk", "rk");
        Assert.Equal("Shipped", read?.GetString("State"));
        Assert.Equal(next, read?.ETag);
        Assert.NotEqual(current, next);
    }

    [Fact]
    public async Task MergeKeepsOtherPropertiesAndReplaceDropsThem()
    {
        var table = await azurite.CreateTableAsync();
        var etag = await table.AddEntityAsync(new TableEntity("pk", "rk") { ["A"] = "a", ["B"] = "b" });

        etag = await table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["B"] = "b2" }, etag, TableUpdateMode.Merge);
        var merged = await table.GetEntityOrDefaultAsync("pk", "rk");
        await table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["C"] = "c" }, etag, TableUpdateMode.Replace);
        var replaced = await table.GetEntityOrDefaultAsync("pk", "rk");

        Assert.Equal(("a", "b2"), (merged?.GetString("A"), merged?.GetString("B")));
        Assert.Equal((null, null, "c"), (replaced?.GetString("A"), replaced?.GetString("B"), replaced?.GetString("C")));
    }

    [Fact]
    public async Task UpdateOfMissingEntityFailsWith404()
    {
        var table = await azurite.CreateTableAsync();

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("pk", "nope"), ETag.All));

        Assert.Equal(404, e.Status);
        Assert.True(e.IsNotFound());
    }

    [Fact]
    public async Task UpdateWithoutAnETagIsRefusedBeforeAnyRequest()
    {
        var table = await azurite.CreateTableAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("pk", "rk"), default));
    }

    [Fact]
    public async Task UpsertInsertsThenMergesWithoutAnETag()
    {
        var table = await azurite.CreateTableAsync();

        await table.UpsertEntityAsync(new TableEntity("pk", "rk") { ["A"] = 1 });
        await table.UpsertEntityAsync(new TableEntity("pk", "rk") { ["B"] = 2 });
        await table.UpsertEntityAsync(new TableEntity("pk", "rk2") { ["C"] = 3 }, TableUpdateMode.Replace);

        var read = await table.GetEntityOrDefaultAsync("pk", "rk");
        Assert.Equal((1, 2), (read?.GetInt32("A"), read?.GetInt32("B")));
        Assert.Equal(3, (await table.GetEntityOrDefaultAsync("pk", "rk2"))?.GetInt32("C"));
    }

    [Fact]
    public async Task DeleteWithStaleETagFailsWith412AndWithCurrentETagRemovesTheEntity()
    {
        var table = await azurite.CreateTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("pk", "rk") { ["V"] = 1 });
        var current = await table.UpdateEntityAsync(new TableEntity("pk", "rk") { ["V"] = 2 }, stale);

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("pk", "rk", stale));
        await table.DeleteEntityAsync("pk", "rk", current);

        Assert.Equal(412, e.Status);
        Assert.Null(await table.GetEntityOrDefaultAsync("pk", "rk"));
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("pk", "rk", ETag.All));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task GetOfMissingEntityReturnsNull()
    {
        var table = await azurite.CreateTableAsync();

        Assert.Null(await table.GetEntityOrDefaultAsync("pk", "missing"));
    }

    [Fact]
    public async Task GetWithSelectReturnsOnlyTheKeysAndSelectedProperties()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(new TableEntity("pk", "rk") { ["A"] = "a", ["B"] = "b" });

        var read = await table.GetEntityOrDefaultAsync("pk", "rk", select: ["A"]);

        Assert.NotNull(read);
        Assert.Equal(("pk", "rk", "a"), (read.PartitionKey, read.RowKey, read.GetString("A")));
        Assert.False(read.ContainsKey("B"));
    }

    [Fact]
    public async Task CreateIfNotExistsAndDeleteIfExistsAreIdempotent()
    {
        var table = await azurite.CreateTableAsync();

        await table.CreateIfNotExistsAsync();
        await table.DeleteIfExistsAsync();
        await table.DeleteIfExistsAsync();

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("pk", "rk")));
        Assert.Equal(404, e.Status);
        Assert.Equal(StorageErrorCodes.TableNotFound, e.ErrorCode);
        var get = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityOrDefaultAsync("pk", "rk"));
        Assert.Equal(StorageErrorCodes.TableNotFound, get.ErrorCode);
    }

    [Fact]
    public async Task PropertiesOfUnsupportedTypesAreRefusedWithTheirName()
    {
        var table = await azurite.CreateTableAsync();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity("pk", "rk") { ["Amount"] = 1.5m }));

        Assert.Contains("Amount", e.Message, StringComparison.Ordinal);
    }
}

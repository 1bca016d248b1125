using OrderFunctions.App.Notifications.Digests;
using OrderFunctions.App.Notifications.Rendering;
using OrderFunctions.App.Tests.Notifications.Support;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.App.Tests.Notifications.Digests;

/// <summary>The digest outbox on Azurite: one digest and one flush message per integration per window, whatever
/// the redeliveries, and no order lost when it arrives after its window's digest went out.</summary>
public sealed class NewOrdersDigestOutboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset InWindow = new(2025, 7, 1, 10, 7, 0, TimeSpan.Zero);
    private static readonly DigestWindow Window = DigestWindow.Containing(InWindow, Interval);

    private readonly ManualTimeProvider _time = new(InWindow);

    [Fact]
    public async Task OrdersOfOneWindowBecomeOneDigestWithOneFlushMessage()
    {
        var (outbox, queue) = await OutboxAsync();

        await outbox.RecordAsync("demo", "Trendyol → Demo Shop", null, [Order("1")], CancellationToken.None);
        _time.Now = InWindow.AddMinutes(5);
        await outbox.RecordAsync("demo", "Trendyol → Demo Shop", null, [Order("2")], CancellationToken.None);
        await outbox.RecordAsync("demo", "Trendyol → Demo Shop", null, [Order("3")], CancellationToken.None);

        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
        var collected = await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None);
        Assert.NotNull(collected);
        Assert.Equal(["1", "2", "3"], collected.Digest.Orders.Select(o => o.MarketplaceOrderId));
        Assert.Equal("Trendyol → Demo Shop", collected.Digest.IntegrationName);
        Assert.Equal(Window, collected.Digest.Window);
        Assert.Null(collected.Recipient);
    }

    [Fact]
    public async Task OrderRowsKeepTheirDataExactly()
    {
        var (outbox, _) = await OutboxAsync();
        var order = new DigestOrder("A/1?#%", "Ayşe <Yılmaz> & Co", 1234.567m, "TRY", "Awaiting payment");

        await outbox.RecordAsync("demo", "Demo", "orders@shop.example", [order], CancellationToken.None);

        var collected = await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None);
        Assert.Equal(order, Assert.Single(collected!.Digest.Orders));
        Assert.Equal("orders@shop.example", collected.Recipient);
    }

    [Fact]
    public async Task AMessageOfManyOrdersCostsOneTransactionPerHundredPlusTheWindowsOwn()
    {
        var counter = new StorageTransactionCounter();
        var (outbox, _) = await OutboxAsync(counter);
        var orders = Enumerable.Range(1, 150).Select(i => Order(i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))).ToList();

        counter.Reset();
        await outbox.RecordAsync("demo", "Demo", null, orders, CancellationToken.None);

        var counts = counter.Snapshot();
        Assert.Equal(2, counts[StorageOperationKinds.TableBatch]);
        Assert.Equal(1, counts[StorageOperationKinds.TableGet]);
        Assert.Equal(1, counts[StorageOperationKinds.TableInsert]);
        Assert.Equal(1, counts[StorageOperationKinds.TableMerge]);
        Assert.Equal(150, (await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None))!.Digest.Orders.Count);
    }

    [Fact]
    public async Task PartlyRecordedMessageRecordsTheRestOnRedelivery()
    {
        var (outbox, queue) = await OutboxAsync();
        await outbox.RecordAsync("demo", "Demo", null, [Order("1")], CancellationToken.None);

        await outbox.RecordAsync("demo", "Demo", null, [Order("1"), Order("2"), Order("2")], CancellationToken.None);

        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
        Assert.Equal(["1", "2"], (await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None))!.Digest.Orders.Select(o => o.MarketplaceOrderId));
    }

    [Fact]
    public async Task RedeliveredOrderIsRecordedOnce()
    {
        var (outbox, queue) = await OutboxAsync();

        await outbox.RecordAsync("demo", "Demo", null, [Order("1")], CancellationToken.None);
        await outbox.RecordAsync("demo", "Demo", null, [Order("1")], CancellationToken.None);

        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
        Assert.Single((await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None))!.Digest.Orders);
    }

    [Fact]
    public async Task IntegrationsAndWindowsHaveSeparateDigests()
    {
        var (outbox, queue) = await OutboxAsync();

        await outbox.RecordAsync("demo", "Demo", null, [Order("1")], CancellationToken.None);
        await outbox.RecordAsync("other", "Other", null, [Order("2")], CancellationToken.None);
        _time.Now = Window.End.AddMinutes(1);
        await outbox.RecordAsync("demo", "Demo", null, [Order("3")], CancellationToken.None);

        Assert.Equal(3, await queue.GetApproximateMessageCountAsync());
        Assert.Equal(["1"], (await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None))!.Digest.Orders.Select(o => o.MarketplaceOrderId));
        Assert.Equal(["2"], (await outbox.CollectAsync(Flush("other"), FlushId, CancellationToken.None))!.Digest.Orders.Select(o => o.MarketplaceOrderId));
        Assert.Equal(["3"], (await outbox.CollectAsync(Flush("demo", Window.Next), FlushId, CancellationToken.None))!.Digest.Orders.Select(o => o.MarketplaceOrderId));
    }

    [Fact]
    public async Task OrderArrivingAfterItsWindowWasFlushedGoesIntoTheNextWindow()
    {
        var (outbox, queue) = await OutboxAsync();
        await outbox.RecordAsync("demo", "Demo", null, [Order("1")], CancellationToken.None);
        var first = await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None);

        // Same clock: the late order still belongs to the flushed window by time, so it must move.
        await outbox.RecordAsync("demo", "Demo", null, [Order("2")], CancellationToken.None);

        Assert.Equal(["1"], first!.Digest.Orders.Select(o => o.MarketplaceOrderId));
        Assert.Equal(2, await queue.GetApproximateMessageCountAsync());
        Assert.Equal(["1"], (await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None))!.Digest.Orders.Select(o => o.MarketplaceOrderId));
        Assert.Equal(["2"], (await outbox.CollectAsync(Flush("demo", Window.Next), FlushId, CancellationToken.None))!.Digest.Orders.Select(o => o.MarketplaceOrderId));
    }

    [Fact]
    public async Task OnlyTheFlushMessageThatClosedAWindowCollectsItAndItsRedeliveryCarriesOn()
    {
        var (outbox, _) = await OutboxAsync();
        await outbox.RecordAsync("demo", "Demo", null, [Order("1"), Order("2")], CancellationToken.None);

        // Two recorders each scheduled a flush; the second must not read the rows the first is about to delete.
        var first = await outbox.CollectAsync(Flush("demo"), "flush-a", CancellationToken.None);
        var second = await outbox.CollectAsync(Flush("demo"), "flush-b", CancellationToken.None);
        var redelivered = await outbox.CollectAsync(Flush("demo"), "flush-a", CancellationToken.None);

        Assert.Equal(["1", "2"], first!.Digest.Orders.Select(o => o.MarketplaceOrderId));
        Assert.True(second is null, $"a second flush message collected the window too ({second?.Digest.Orders.Count} orders)");
        Assert.Equal(["1", "2"], redelivered!.Digest.Orders.Select(o => o.MarketplaceOrderId));
    }

    [Fact]
    public async Task CompletedDigestLeavesNothingToSendAgain()
    {
        var (outbox, _) = await OutboxAsync();
        await outbox.RecordAsync("demo", "Demo", null, [Order("1")], CancellationToken.None);
        await outbox.RecordAsync("demo", "Demo", null, [Order("2")], CancellationToken.None);
        var collected = await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None);

        await outbox.CompleteAsync(collected!.Digest, CancellationToken.None);
        await outbox.CompleteAsync(collected.Digest, CancellationToken.None);

        Assert.Null(await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None));
    }

    [Fact]
    public async Task CompletionAfterSomeRowsAreGoneDeletesTheRest()
    {
        var (outbox, _) = await OutboxAsync();
        foreach (var id in new[] { "1", "2", "3" })
        {
            await outbox.RecordAsync("demo", "Demo", null, [Order(id)], CancellationToken.None);
        }

        var all = (await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None))!.Digest;
        await outbox.CompleteAsync(all with { Orders = [all.Orders[0]] }, CancellationToken.None);

        await outbox.CompleteAsync(all, CancellationToken.None);

        Assert.Null(await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None));
    }

    [Fact]
    public async Task FlushOfAWindowWithoutOrdersReturnsNothing()
    {
        var (outbox, _) = await OutboxAsync();

        Assert.Null(await outbox.CollectAsync(Flush("demo"), FlushId, CancellationToken.None));
    }

    [Fact]
    public void FlushMessageRoundTripsAndRejectsMisalignedWindows()
    {
        var message = new DigestFlushMessage("demo", Window.Start, Interval);

        Assert.Equal(message, DigestFlushMessage.Parse(message.ToJson()));
        Assert.Contains("windowStart", DigestFlushMessage.Parse(message.ToJson()).ToJson(), StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => DigestFlushMessage.Parse(new DigestFlushMessage("demo", Window.Start.AddMinutes(1), Interval).ToJson()));
        Assert.Throws<FormatException>(() => DigestFlushMessage.Parse("{\"windowStart\":\"2025-07-01T10:00:00Z\",\"windowLength\":\"00:15:00\"}"));
        Assert.Throws<FormatException>(() => DigestFlushMessage.Parse("not json"));
    }

    private static DigestOrder Order(string id) => new(id, $"Customer {id}", 10m, "EUR", "Created");

    private const string FlushId = "flush-1";

    private static DigestFlushMessage Flush(string integrationId, DigestWindow? window = null) =>
        new(integrationId, (window ?? Window).Start, Interval);

    private async Task<(NewOrdersDigestOutbox Outbox, QueueClient Queue)> OutboxAsync(StorageTransactionCounter? counter = null)
    {
        var options = new StorageClientOptions { TransactionCounter = counter };
        TableClient table = await azurite.CreateTableAsync("digests", options);
        var queue = await azurite.CreateQueueAsync("digests", options);
        return (new NewOrdersDigestOutbox(table, queue, _time, Interval), queue);
    }
}

using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Tests.Orders.Storage;

public sealed class TableOrderStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private TableOrderStore _store = null!;
    private WorkflowStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _storage = new WorkflowStorage(azurite.Connection.CreateTableServiceClient(), azurite.Connection.CreateQueueServiceClient(), new WorkflowStorageNames("s" + Guid.NewGuid().ToString("N")[..12]));
        await _storage.EnsureCreatedAsync(CancellationToken.None);
        _store = new TableOrderStore(_storage);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static OrderState NewOrder(string id = "1001", string integration = "ty-woo") =>
        OrderState.Receive(OrderKey.Create(integration, id), MarketplaceCatalog.Trendyol, Samples.MarketplaceOrder(orderId: id), Samples.T0);

    private static OrderHistoryEntry Entry(string note) => new(Samples.T0, "test", "a", "b", note, null);

    [Fact]
    public async Task InsertingAnOrderThatExistsKeepsTheFirstAndReturnsNull()
    {
        var first = await _store.TryInsertAsync(NewOrder(), Entry("first"), null, "run-1", CancellationToken.None);
        var second = await _store.TryInsertAsync(NewOrder() with { CustomStatus = "other" }, Entry("second"), null, "run-2", CancellationToken.None);

        var stored = await _store.GetAsync(NewOrder().Key, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Null(stored!.State.CustomStatus);
        Assert.Equal("run-1", stored.ReceivedInRun);
        Assert.Equal(["first"], (await _store.GetHistoryAsync(NewOrder().Key, CancellationToken.None)).Select(h => h.Note));
    }

    [Fact]
    public async Task TwoCommitsFromTheSameVersionLetOnlyTheFirstThroughAndTheLoserWritesNothing()
    {
        var inserted = await _store.TryInsertAsync(NewOrder(), Entry("received"), null, null, CancellationToken.None);

        await _store.CommitAsync(inserted!, inserted!.State with { Status = OrderStatus.Transferred }, [Entry("winner")], null, CancellationToken.None);
        var loser = await Assert.ThrowsAsync<OrderConcurrencyException>(() =>
            _store.CommitAsync(inserted, inserted.State with { Status = OrderStatus.Rejected }, [Entry("loser")], null, CancellationToken.None));

        var stored = await _store.GetAsync(inserted.State.Key, CancellationToken.None);
        Assert.Equal(inserted.State.Key, loser.Key);
        Assert.Equal(OrderStatus.Transferred, stored!.State.Status);
        Assert.Equal(2, stored.HistorySequence);
        Assert.Equal(["received", "winner"], (await _store.GetHistoryAsync(inserted.State.Key, CancellationToken.None)).Select(h => h.Note));
    }

    [Fact]
    public async Task ACommitOverAStaleETagFailsEvenWhenItsHistoryRowIsStillFree()
    {
        var inserted = await _store.TryInsertAsync(NewOrder(), Entry("received"), null, null, CancellationToken.None);
        var winner = await _store.CommitAsync(inserted!, inserted!.State with { CustomStatus = "A" }, [Entry("a")], null, CancellationToken.None);

        // A writer holding the old ETag but a sequence whose row (h0000000003) is free: only If-Match can stop it.
        // (Our writers never get here — every write appends history — but the ETag guard is checked on its own.)
        var stale = winner with { ETag = inserted.ETag };

        await Assert.ThrowsAsync<OrderConcurrencyException>(() => _store.CommitAsync(stale, inserted.State, [Entry("stale")], null, CancellationToken.None));
        Assert.Equal(["received", "a"], (await _store.GetHistoryAsync(inserted.State.Key, CancellationToken.None)).Select(h => h.Note));
    }

    [Fact]
    public async Task ACommitAppendsItsHistoryRowsInOrderAndTheStateRoundTrips()
    {
        var inserted = await _store.TryInsertAsync(NewOrder(), Entry("received"), null, null, CancellationToken.None);
        var next = inserted!.State with
        {
            Status = OrderStatus.AwaitingTracking,
            ShopOrderId = "S9",
            ShopStatus = "completed",
            AppliedShopStatus = "processing",
            ShopModifiedAt = Samples.T0.AddMinutes(3),
            Tracking = new ShipmentTracking("3SABCD1234567", "PostNL", "https://track.example/3S"),
            TrackingDeadline = Samples.T0.AddHours(3),
            NextActionAt = Samples.T0.AddHours(3),
            Acknowledged = true,
            ReflectedMarketplaceStatus = "Created",
            CustomStatus = "CALL BACK",
            RejectionReason = CancellationReason.OutOfStock,
            CancelledBy = CancellationOrigin.Shop,
            FailedFrom = OrderStatus.Shipping,
            FailedAttempts = 3,
            FailureReason = "boom",
            UpdatedAt = Samples.T0.AddMinutes(4),
        };

        var committed = await _store.CommitAsync(inserted, next, [Entry("one"), Entry("two"), Entry("three")], new OrderLease("me", Samples.T0.AddMinutes(5)), CancellationToken.None);
        var stored = await _store.GetAsync(next.Key, CancellationToken.None);

        Assert.Equal(4, committed.HistorySequence);
        Assert.Equal(committed.ETag, stored!.ETag);
        Assert.Equal(new OrderLease("me", Samples.T0.AddMinutes(5)), stored.Lease);
        Assert.Equal(next with { MarketplaceOrder = stored.State.MarketplaceOrder }, stored.State);
        Assert.Equal(WorkflowJsonRoundTrip(next.MarketplaceOrder), WorkflowJsonRoundTrip(stored.State.MarketplaceOrder));
        Assert.Equal(["received", "one", "two", "three"], (await _store.GetHistoryAsync(next.Key, CancellationToken.None)).Select(h => h.Note));
    }

    [Fact]
    public async Task AMarketplaceSnapshotLargerThanOnePropertyIsSplitAndJoinedBack()
    {
        var order = NewOrder();
        var lines = Enumerable.Range(1, 400).Select(i => new MarketplaceOrderLine { LineId = $"L{i}", Sku = $"SKU-{i}", Title = new string('x', 120), Quantity = 1, UnitPrice = 1m }).ToList();
        var big = order with { MarketplaceOrder = order.MarketplaceOrder with { Lines = lines } };

        await _store.TryInsertAsync(big, Entry("received"), null, null, CancellationToken.None);
        var stored = await _store.GetAsync(big.Key, CancellationToken.None);

        Assert.Equal(400, stored!.State.MarketplaceOrder.Lines.Count);
        Assert.Equal("L400", stored.State.MarketplaceOrder.Lines[^1].LineId);
    }

    [Fact]
    public async Task ACommitThatClearsFactsAndTheLeaseLeavesNoneOfThemInTheStoredRow()
    {
        var inserted = await _store.TryInsertAsync(NewOrder(), Entry("received"), new OrderLease("poll", Samples.T0.AddMinutes(2)), null, CancellationToken.None);
        var shipping = inserted!.State with
        {
            Status = OrderStatus.Shipping,
            ShopOrderId = "S9",
            Tracking = new ShipmentTracking("3SABCD1234567", "PostNL", "https://track.example/3S"),
            TrackingDeadline = Samples.T0.AddHours(3),
            ShipmentProcessId = "proc-1",
            ShipmentCheckAt = Samples.T0.AddMinutes(10),
            NextActionAt = Samples.T0.AddMinutes(10),
            CustomStatus = "CALL BACK",
            FailureReason = "boom",
            FailedFrom = OrderStatus.Transferred,
        };
        var pending = await _store.CommitAsync(inserted, shipping, [Entry("pending")], new OrderLease("me", Samples.T0.AddMinutes(5)), CancellationToken.None);
        var closed = shipping with
        {
            Status = OrderStatus.Closed,
            Tracking = null,
            TrackingDeadline = null,
            ShipmentProcessId = null,
            ShipmentCheckAt = null,
            NextActionAt = null,
            CustomStatus = null,
            FailureReason = null,
            FailedFrom = null,
        };

        await _store.CommitAsync(pending, closed, [Entry("closed")], lease: null, CancellationToken.None);

        var row = await _storage.Orders.GetEntityOrDefaultAsync(closed.Key.Value, "order", cancellationToken: CancellationToken.None);
        string[] cleared = ["TrackingCode", "TrackingCarrier", "TrackingUrl", "TrackingDeadline", "ShipmentProcessId", "ShipmentCheckAt", "NextActionAt", "CustomStatus", "FailureReason", "FailedFrom", "LeaseOwner", "LeaseUntil"];
        Assert.DoesNotContain(cleared, row!.ContainsKey);
        var stored = await _store.GetAsync(closed.Key, CancellationToken.None);
        Assert.Null(stored!.Lease);
        Assert.Equal(closed with { MarketplaceOrder = stored.State.MarketplaceOrder }, stored.State);
    }

    [Fact]
    public async Task AShorterSnapshotLeavesNoChunkOfTheLongerOneBehind()
    {
        var order = NewOrder();
        var lines = Enumerable.Range(1, 400).Select(i => new MarketplaceOrderLine { LineId = $"L{i}", Sku = $"SKU-{i}", Title = new string('x', 120), Quantity = 1, UnitPrice = 1m }).ToList();
        var big = order with { MarketplaceOrder = order.MarketplaceOrder with { Lines = lines } };
        var inserted = await _store.TryInsertAsync(big, Entry("received"), null, null, CancellationToken.None);

        await _store.CommitAsync(inserted!, order, [Entry("smaller")], null, CancellationToken.None);

        var row = await _storage.Orders.GetEntityOrDefaultAsync(order.Key.Value, "order", cancellationToken: CancellationToken.None);
        Assert.Equal(["Snapshot"], row!.Keys.Where(k => k.StartsWith("Snapshot", StringComparison.Ordinal)));
        Assert.Equal(order.MarketplaceOrder.Lines.Count, (await _store.GetAsync(order.Key, CancellationToken.None))!.State.MarketplaceOrder.Lines.Count);
    }

    [Fact]
    public async Task TheOverdueQueryFindsExactlyTheOrdersWhoseNextActionHasPassed()
    {
        var due = NewOrder("due") with { NextActionAt = Samples.T0 };
        var later = NewOrder("later") with { NextActionAt = Samples.T0.AddHours(1) };
        var resting = NewOrder("resting") with { NextActionAt = null };
        foreach (var order in new[] { due, later, resting })
        {
            await _store.TryInsertAsync(order, Entry("received"), null, null, CancellationToken.None);
        }

        var overdue = new List<StoredOrder>();
        await foreach (var stored in _store.QueryOverdueAsync(Samples.T0.AddMinutes(1), CancellationToken.None))
        {
            overdue.Add(stored);
        }

        // Whole rows with their ETags: the sweeper decides them without reading them again.
        var found = Assert.Single(overdue);
        Assert.Equal(due.Key, found.State.Key);
        Assert.Equal(due.NextActionAt, found.State.NextActionAt);
        Assert.Equal((await _store.GetAsync(due.Key, CancellationToken.None))!.ETag, found.ETag);
    }

    [Fact]
    public async Task ListingByStatusReturnsOnlyThatIntegrationsOrdersInThatStatus()
    {
        await _store.TryInsertAsync(NewOrder("1") with { Status = OrderStatus.Failed, FailureReason = "x" }, Entry("r"), null, null, CancellationToken.None);
        await _store.TryInsertAsync(NewOrder("2"), Entry("r"), null, null, CancellationToken.None);
        await _store.TryInsertAsync(NewOrder("3", integration: "ty-woo2") with { Status = OrderStatus.Failed, FailureReason = "x" }, Entry("r"), null, null, CancellationToken.None);
        await _store.TryInsertAsync(NewOrder("4", integration: "ty") with { Status = OrderStatus.Failed, FailureReason = "x" }, Entry("r"), null, null, CancellationToken.None);

        var failed = await _store.ListAsync("ty-woo", OrderStatus.Failed, 100, null, CancellationToken.None);
        var all = await _store.ListAsync("ty-woo", null, 100, null, CancellationToken.None);

        Assert.Equal(["1"], failed.Orders.Select(o => o.Key.MarketplaceOrderId));
        Assert.Equal(["1", "2"], all.Orders.Select(o => o.Key.MarketplaceOrderId).Order());
    }

    private static string WorkflowJsonRoundTrip(MarketplaceOrder order) => System.Text.Json.JsonSerializer.Serialize(order);
}

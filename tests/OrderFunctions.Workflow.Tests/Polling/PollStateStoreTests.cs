using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Polling;

namespace OrderFunctions.Workflow.Tests.Polling;

/// <summary>The checkpoint row on Azurite: every write replaces the whole row, so what a poll clears stays cleared.</summary>
public sealed class PollStateStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string IntegrationId = "ty-woo";

    private WorkflowStorage _storage = null!;
    private PollStateStore _store = null!;

    public async Task InitializeAsync()
    {
        _storage = new WorkflowStorage(azurite.Connection.CreateTableServiceClient(), azurite.Connection.CreateQueueServiceClient(), new WorkflowStorageNames("p" + Guid.NewGuid().ToString("N")[..12]));
        await _storage.EnsureCreatedAsync(CancellationToken.None);
        _store = new PollStateStore(_storage);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A "new orders" notification big enough to be split over several properties.</summary>
    private static NotificationMessage NewOrders(string run) => new()
    {
        Id = $"{IntegrationId}|new-orders|{run}",
        Kind = NotificationKinds.NewOrders,
        IntegrationId = IntegrationId,
        IntegrationName = "Trendyol to WooCommerce",
        OccurredAt = Samples.T0,
        Orders = [.. Enumerable.Range(1, 100).Select(i => new NewOrderEntry($"{IntegrationId}:{i}", $"{i}", new string('n', 400), 1m, "EUR", "Created"))],
    };

    private async Task<PollCheckpoint> ReadAsync() =>
        PollStateStore.ReadCheckpoint(await _storage.Integrations.GetEntityOrDefaultAsync(IntegrationId, IntegrationEntities.CheckpointRowKey, cancellationToken: CancellationToken.None));

    [Fact]
    public async Task ClearingTheSentNotificationsLeavesNoPartOfTheOutboxInTheRow()
    {
        var next = PollCheckpoint.None with { MarketplaceUntil = Samples.T0, ShopUntil = Samples.T0, RecentRuns = ["t1"], PendingNotifications = [NewOrders("t1")] };
        var saved = await _store.SaveCheckpointAsync(IntegrationId, PollCheckpoint.None, next, CancellationToken.None);
        var written = await _storage.Integrations.GetEntityOrDefaultAsync(IntegrationId, IntegrationEntities.CheckpointRowKey, cancellationToken: CancellationToken.None);

        await _store.ClearSentAsync(IntegrationId, saved, [NewOrders("t1").Id], CancellationToken.None);

        var row = await _storage.Integrations.GetEntityOrDefaultAsync(IntegrationId, IntegrationEntities.CheckpointRowKey, cancellationToken: CancellationToken.None);
        Assert.True(written!.Keys.Count(k => k.StartsWith("PendingNotifications", StringComparison.Ordinal)) > 1);
        Assert.DoesNotContain(row!.Keys, k => k.StartsWith("PendingNotifications", StringComparison.Ordinal));
        var read = await ReadAsync();
        Assert.Empty(read.PendingNotifications);
        Assert.Equal(Samples.T0, read.MarketplaceUntil);
        Assert.Equal(["t1"], read.RecentRuns);
    }

    [Fact]
    public async Task ACheckpointSavedOverAConcurrentOneKeepsNoOutboxEntryThatWasAlreadyCleared()
    {
        // Poll t1 saves its outbox, sends it and clears it; poll t2, which read the checkpoint before t1 saved, then
        // saves over it (conflict, merge): the merged row holds t2's outbox only.
        var first = PollCheckpoint.None with { MarketplaceUntil = Samples.T0, RecentRuns = ["t1"], PendingNotifications = [NewOrders("t1")] };
        var saved = await _store.SaveCheckpointAsync(IntegrationId, PollCheckpoint.None, first, CancellationToken.None);
        await _store.ClearSentAsync(IntegrationId, saved, [NewOrders("t1").Id], CancellationToken.None);
        var second = PollCheckpoint.None with { MarketplaceUntil = Samples.T0.AddMinutes(1), RecentRuns = ["t2"], PendingNotifications = [NewOrders("t2")] };

        await _store.SaveCheckpointAsync(IntegrationId, PollCheckpoint.None, second, CancellationToken.None);

        var read = await ReadAsync();
        Assert.Equal([NewOrders("t2").Id], read.PendingNotifications.Select(n => n.Id));
        Assert.Equal(["t2", "t1"], read.RecentRuns);
        Assert.Equal(Samples.T0.AddMinutes(1), read.MarketplaceUntil);
    }

    [Fact]
    public async Task ClearingTheOutboxAfterAMergedSaveKeepsTheOtherPollsRunsWindowsAndOutbox()
    {
        // A scheduled poll t1 saves first; back-fill b, which read the checkpoint before, saves over it (a merge) and
        // clears its own notification: t1's window, run and unsent outbox stay.
        var first = PollCheckpoint.None with { MarketplaceUntil = Samples.T0, RecentRuns = ["t1"], PendingNotifications = [NewOrders("t1")] };
        await _store.SaveCheckpointAsync(IntegrationId, PollCheckpoint.None, first, CancellationToken.None);
        var backfill = PollCheckpoint.None with { RecentRuns = ["b1"], PendingNotifications = [NewOrders("b1")] };

        var saved = await _store.SaveCheckpointAsync(IntegrationId, PollCheckpoint.None, backfill, CancellationToken.None);
        await _store.ClearSentAsync(IntegrationId, saved, [NewOrders("b1").Id], CancellationToken.None);

        var read = await ReadAsync();
        Assert.Equal(["b1", "t1"], read.RecentRuns);
        Assert.Equal(Samples.T0, read.MarketplaceUntil);
        Assert.Equal([NewOrders("t1").Id], read.PendingNotifications.Select(n => n.Id));
    }
}

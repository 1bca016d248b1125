using Microsoft.Extensions.Configuration;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone.Timers;
using OrderFunctions.Hosting.Tests.Standalone.Fakes;
using OrderFunctions.Testing;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Hosting.Tests.Standalone.Timers;

/// <summary>Timer schedule status in the <c>AzureWebJobsStorage</c> account (Azurite), as the host keeps it there.</summary>
public sealed class TableScheduleStatusStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private TableScheduleStatusStore Store(string hostId) =>
        new(azurite.Connection.CreateTableServiceClient().GetTableClient(TableScheduleStatusStore.TableName), hostId);

    [Fact]
    public async Task StatusRoundTripsIncludingNever()
    {
        using var store = Store(Guid.NewGuid().ToString("N"));
        var status = new ScheduleStatus(ScheduleStatus.Never, new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 9, 55, 0, TimeSpan.Zero).AddTicks(1230000));

        await store.SetAsync("Heartbeat", status, CancellationToken.None);

        Assert.Equal(status, await store.GetAsync("Heartbeat", CancellationToken.None));
    }

    [Fact]
    public async Task TableVanishingUnderTheStoreIsCreatedAgain()
    {
        // Its own table: deleting the shared one would disturb other tests.
        var table = azurite.Connection.CreateTableServiceClient().GetTableClient(UniqueName.Table("timers"));
        using var store = new TableScheduleStatusStore(table, Guid.NewGuid().ToString("N"));
        var now = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
        await store.SetAsync("Heartbeat", new ScheduleStatus(now, now.AddMinutes(5), now), CancellationToken.None);

        // What an in-memory Azurite restart does to every table.
        await table.DeleteIfExistsAsync();
        var afterRestart = new ScheduleStatus(now.AddMinutes(5), now.AddMinutes(10), now.AddMinutes(5));

        Assert.Null(await store.GetAsync("Heartbeat", CancellationToken.None));
        await store.SetAsync("Heartbeat", afterRestart, CancellationToken.None);
        Assert.Equal(afterRestart, await store.GetAsync("Heartbeat", CancellationToken.None));
    }

    [Fact]
    public async Task TimerThatNeverRecordedHasNoStatus()
    {
        using var store = Store(Guid.NewGuid().ToString("N"));

        Assert.Null(await store.GetAsync("Heartbeat", CancellationToken.None));
    }

    [Fact]
    public async Task AppsSharingAnAccountDoNotSeeEachOthersTimers()
    {
        using var first = Store(Guid.NewGuid().ToString("N"));
        using var second = Store(Guid.NewGuid().ToString("N"));
        var now = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

        await first.SetAsync("Heartbeat", new ScheduleStatus(now, now.AddMinutes(5), now), CancellationToken.None);

        Assert.Null(await second.GetAsync("Heartbeat", CancellationToken.None));
    }

    [Fact]
    public async Task OccurrenceMissedWhileStoppedRunsAsPastDueFromStatusInStorage()
    {
        var hostId = "test-" + Guid.NewGuid().ToString("N");
        var hourly = CronSchedule.Resolve("Heartbeat", "0 0 * * * *", new ConfigurationBuilder().Build());
        var lastRun = hourly.GetNextOccurrence(DateTimeOffset.UtcNow.AddHours(-3));
        using (var store = Store(hostId))
        {
            await store.SetAsync("Heartbeat", new ScheduleStatus(lastRun, hourly.GetNextOccurrence(lastRun), lastRun), CancellationToken.None);
        }

        FunctionDefinition[] functions = [new("Heartbeat", new TimerTrigger("0 0 * * * *"))];
        await using var harness = await StandaloneHarness.StartAsync(functions, new HarnessOptions { StorageConnectionString = azurite.ConnectionString, HostId = hostId });
        var request = await harness.Handler.WaitForRequestAsync();

        Assert.True(request.Json.GetProperty("Data").GetProperty("timer").GetProperty("IsPastDue").GetBoolean());
        using var reader = Store(hostId);
        await Eventually.TrueAsync(async () => (await reader.GetAsync("Heartbeat", CancellationToken.None))!.Next > DateTimeOffset.UtcNow, "the run is recorded in storage");
    }
}

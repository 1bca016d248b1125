using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Polling;

/// <summary>The poll's promise: the checkpoint moves past an order only once the order is in the orders table (and
/// decided, or handed to the step queue) — however many pages the platforms list, and whatever fails half-way.</summary>
public sealed class IntegrationPollerTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] OrderIds = ["A", "B", "C", "D", "E"];

    private async Task<WorkflowHarness> StartAsync()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync(new IntegrationSettings { ApproveOnReceipt = true });
        return harness;
    }

    /// <summary>Places the orders as changed an hour ago: older than the poll overlap, so only the first poll (which
    /// looks back a day) lists them — an order it misses is never listed again.</summary>
    private static void PlaceOldOrders(WorkflowHarness harness)
    {
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        for (var i = 0; i < OrderIds.Length; i++)
        {
            harness.Marketplace.Place(Samples.MarketplaceOrder(OrderIds[i]), hourAgo.AddMilliseconds(i));
        }
    }

    private static async Task<IReadOnlyList<string>> OrdersAsync(WorkflowHarness harness)
    {
        var found = new List<string>();
        foreach (var id in OrderIds)
        {
            found.Add($"{id}: {(await harness.OrderAsync(id))?.Describe() ?? "missing"}");
        }

        return found;
    }

    [Fact]
    public async Task ANewOrderRelistedAfterTheHubsAcknowledgementIsReadOnceAndNotInsertedAgain()
    {
        var harness = await StartAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("A") with { PlacedAt = DateTimeOffset.UtcNow });
        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);
        Assert.Equal(harness.Marketplace.AcknowledgedStatus, harness.Marketplace.Order("A").Status);
        harness.Transactions.Reset();

        // The next poll lists it again (the acknowledgement changed it), placed a moment ago.
        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);

        var byResource = harness.Transactions.SnapshotByResource();
        var orders = harness.Storage.Names.OrdersTable;
        Assert.Equal(1, byResource.GetValueOrDefault(StorageTransactionCounter.ResourceKey(StorageOperationKinds.TableGet, orders)));
        Assert.Equal(0, byResource.GetValueOrDefault(StorageTransactionCounter.ResourceKey(StorageOperationKinds.TableBatch, orders)));
        Assert.Equal("A: Transferred", (await OrdersAsync(harness))[0]);
    }

    [Fact]
    public async Task OrdersOnLaterPagesAreReceivedEvenWhenTheHubsOwnAcknowledgementsMoveEarlierOnesOutOfTheWindow()
    {
        var harness = await StartAsync();
        harness.Marketplace.PageSize = 2;
        PlaceOldOrders(harness);

        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);
        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);

        Assert.Equal(OrderIds.Select(id => $"{id}: Transferred"), await OrdersAsync(harness));
        Assert.Equal(OrderIds.Length, harness.Shop.Orders.Count);
    }

    [Fact]
    public async Task AFailureOnALaterPageLosesNothingTheNextPollCannotFind()
    {
        var harness = await StartAsync();
        harness.Marketplace.PageSize = 2;
        PlaceOldOrders(harness);
        // The first listing of page 2 fails on every attempt of the first poll message: the message ends poisoned.
        harness.Faults.Fail(FakeOperations.MarketplaceList, times: 4, skip: 1);

        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);
        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);

        Assert.Equal(1, harness.PoisonedMessages);
        Assert.Equal(OrderIds.Select(id => $"{id}: Transferred"), await OrdersAsync(harness));
        Assert.Equal(OrderIds.Length, harness.Shop.Orders.Count);
    }
}

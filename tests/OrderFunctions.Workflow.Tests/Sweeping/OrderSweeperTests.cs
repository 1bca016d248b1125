using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Sweeping;

public sealed class OrderSweeperTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task APendingShipmentTheMarketplaceNeverListsAsShippedIsClosedBySweepingWithTheRowsTheSweepRead()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync();
        // bol.com: the shipment is confirmed asynchronously and the marketplace's list never shows the order shipped.
        harness.Marketplace.AsyncShipments = true;
        harness.Marketplace.ShippedStatus = null;
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.Status == OrderStatus.Transferred, sweep: false);
        harness.Shop.Complete(harness.Key("1001").Value, trackingNumber: "3S1001");
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.ShipmentProcessId is not null, sweep: false);

        var swept = await SweepUntilDueAsync(harness);
        var byResource = harness.Transactions.SnapshotByResource();

        Assert.Equal(1, swept);
        Assert.Equal(OrderStatus.Closed, (await harness.OrderAsync("1001"))!.Status);
        Assert.Single(harness.Marketplace.Shipments);
        // Decided with the row the sweep's query read: no step message, no second read of the order, one commit.
        var names = harness.Storage.Names;
        Assert.Equal(0, byResource.GetValueOrDefault(StorageTransactionCounter.ResourceKey(StorageOperationKinds.QueuePut, names.StepQueue)));
        Assert.Equal(0, byResource.GetValueOrDefault(StorageTransactionCounter.ResourceKey(StorageOperationKinds.TableGet, names.OrdersTable)));
        Assert.Equal(1, byResource.GetValueOrDefault(StorageTransactionCounter.ResourceKey(StorageOperationKinds.TableBatch, names.OrdersTable)));
        Assert.Equal(0, await harness.Storage.StepQueue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task AnOverdueOrderAnotherExecutorHoldsIsHandedToTheStepQueueForWhenItsLeaseEnds()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, settings: new() { ["Workflow:LeaseDuration"] = "00:01:00" });
        await harness.AddIntegrationAsync();
        harness.Marketplace.AsyncShipments = true;
        harness.Marketplace.ShippedStatus = null;
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.Status == OrderStatus.Transferred, sweep: false);
        harness.Shop.Complete(harness.Key("1001").Value, trackingNumber: "3S1001");
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.ShipmentProcessId is not null, sweep: false);
        var store = harness.First.Store;
        var held = (await store.GetAsync(harness.Key("1001"), CancellationToken.None))!;
        await store.CommitAsync(held, held.State, [new OrderHistoryEntry(DateTimeOffset.UtcNow, "test", "-", "-", "another executor takes the order", null)], new OrderLease("someone-else", DateTimeOffset.UtcNow.AddMinutes(1)), CancellationToken.None);

        var swept = await SweepUntilDueAsync(harness);

        Assert.Equal(1, swept);
        Assert.Equal(OrderStatus.Shipping, (await harness.OrderAsync("1001"))!.Status);
        Assert.Equal(0, harness.Marketplace.ProgressChecks);
        Assert.Equal(1, await harness.Storage.StepQueue.GetApproximateMessageCountAsync());
    }

    /// <summary>Sweeps (counting only the sweep that found something) until the pending shipment's check is overdue.</summary>
    private static async Task<int> SweepUntilDueAsync(WorkflowHarness harness)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            harness.Transactions.Reset();
            var swept = await harness.First.Sweeper.SweepAsync(CancellationToken.None);
            if (swept > 0 || DateTimeOffset.UtcNow > deadline)
            {
                return swept;
            }

            await Task.Delay(200);
        }
    }
}

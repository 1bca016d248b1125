using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Scenarios;

/// <summary>
/// Storage transactions per order on the full happy path — fetched, transferred (created and acknowledged), completed
/// in the shop with tracking, shipped, and the marketplace's own "shipped" seen — counted by the storage clients'
/// counting policy (issue 7's goal: at most 12). Orders arrive in a batch, as polls see them; every receive, delete,
/// poll, checkpoint and notification is counted.
/// </summary>
public sealed class TransactionBudgetTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Orders = 20;
    private const double Goal = 12;

    /// <param name="listedAsShipped">False: the marketplace's list never shows the order shipped (bol.com lists open
    /// orders only), so the pending shipment is confirmed when the sweeper asks for it at its check time.</param>
    private async Task<double> RunHappyPathAsync(bool asyncConfirmation, bool listedAsShipped = true)
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync(new IntegrationSettings { NotifyNewOrders = true });
        harness.Marketplace.AsyncShipments = asyncConfirmation;
        if (!listedAsShipped)
        {
            harness.Marketplace.ShippedStatus = null;
        }

        var ids = Enumerable.Range(1, Orders).Select(i => $"O{i:D3}").ToList();
        foreach (var id in ids)
        {
            harness.Marketplace.Place(Samples.MarketplaceOrder(id));
        }

        harness.Transactions.Reset();
        await harness.QueuePollAsync();
        await harness.PumpVisibleAsync();
        foreach (var id in ids)
        {
            harness.Shop.Complete(harness.Key(id).Value, trackingNumber: "3S" + id);
        }

        await harness.QueuePollAsync();
        await harness.PumpVisibleAsync();
        if (asyncConfirmation)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await harness.PumpVisibleAsync();
        }

        if (!listedAsShipped)
        {
            // Past every check time (ShipmentProgressInterval 1 s) and the sweeper's grace (1 s): one sweep.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            Assert.Equal(Orders, await harness.First.Sweeper.SweepAsync(CancellationToken.None));
            await harness.PumpVisibleAsync();
        }

        await harness.QueuePollAsync();
        await harness.PumpVisibleAsync();
        var counts = harness.Transactions.Snapshot();
        var byResource = harness.Transactions.SnapshotByResource();
        var total = harness.Transactions.Total;

        foreach (var id in ids)
        {
            Assert.Equal(OrderStatus.Closed, (await harness.OrderAsync(id))!.Status);
        }

        Assert.Equal(Orders, harness.Marketplace.Shipments.Count);
        var perOrder = (double)total / Orders;
        output.WriteLine($"{(asyncConfirmation ? "async" : "sync")} confirmation{(listedAsShipped ? "" : ", confirmed by the sweeper")}: {perOrder:F2} storage transactions per order ({total} for {Orders} orders)");
        foreach (var (kind, count) in counts.OrderBy(c => c.Key))
        {
            output.WriteLine($"  {kind,-14} {count,5}  {(double)count / Orders,6:F2} per order");
        }

        foreach (var (resource, count) in byResource.OrderBy(c => c.Key))
        {
            output.WriteLine($"  {resource,-40} {count,5}  {(double)count / Orders,6:F2} per order");
        }

        return perOrder;
    }

    [Fact]
    public async Task AHappyPathOrderWithASynchronousMarketplaceCostsAtMostTwelveStorageTransactions()
    {
        Assert.InRange(await RunHappyPathAsync(asyncConfirmation: false), 1, Goal);
    }

    [Fact]
    public async Task AHappyPathOrderWithAnAsynchronousShipmentConfirmationCostsAtMostTwelveStorageTransactions()
    {
        Assert.InRange(await RunHappyPathAsync(asyncConfirmation: true), 1, Goal);
    }

    [Fact]
    public async Task AHappyPathOrderWhoseShipmentOnlyTheSweepersCheckConfirmsCostsAtMostTwelveStorageTransactions()
    {
        Assert.InRange(await RunHappyPathAsync(asyncConfirmation: true, listedAsShipped: false), 1, Goal);
    }
}

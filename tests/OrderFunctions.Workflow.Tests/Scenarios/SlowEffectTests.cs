using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Scenarios;

/// <summary>A remote call slower than the order's lease (Workflow__LeaseDuration, two seconds here): the executor keeps
/// its lease while the call runs, so a second executor never performs the same effect alongside it.</summary>
public sealed class SlowEffectTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AShopCreateSlowerThanTheLeaseIsNotPerformedASecondTimeByAnotherExecutor()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, nodes: 2);
        await harness.AddIntegrationAsync(new IntegrationSettings());
        var lease = harness.First.Options.LeaseDuration;
        // The shop takes twice the lease between finding no order and inserting it.
        harness.Shop.CreateRaceWindow = lease * 2;
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        var key = harness.Key("1001");

        await harness.QueuePollAsync();
        var firstNode = harness.RunUntilAsync(async () => (await harness.OrderAsync("1001"))?.Status == OrderStatus.Transferred, sweep: false, drain: false);
        while (await harness.OrderAsync("1001") is null)
        {
            await Task.Delay(50);
        }

        // Past the lease the first executor took with its insert (the clock is real here), while its create still runs.
        await Task.Delay(lease + TimeSpan.FromMilliseconds(300));
        var second = await harness.Nodes[1].Executor.ExecuteInlineAsync(key, new OverdueOrderSwept(), CancellationToken.None);
        await firstNode;
        await harness.RunUntilAsync(async () => (await harness.OrderAsync("1001"))?.Status == OrderStatus.Transferred);

        Assert.Equal(ExecutionOutcome.Deferred, second.Outcome);
        Assert.Equal(["create"], harness.Shop.Effects.Select(e => e.Operation));
        Assert.Single(harness.Shop.Orders);
        Assert.Equal("S1", (await harness.OrderAsync("1001"))!.ShopOrderId);
    }

    [Fact]
    public async Task AnExecutorThatCannotRenewItsLeaseCancelsItsSlowCallAndTheRetryCreatesTheOrderOnce()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output);
        await harness.AddIntegrationAsync(new IntegrationSettings());
        harness.Shop.CreateRaceWindow = harness.First.Options.LeaseDuration * 2;
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        // Every order write fails while the poll runs: the renewals during the slow create cannot get through.
        harness.Faults.Fail(FakeOperations.StoreCommit, times: int.MaxValue);

        await harness.QueuePollAsync();
        await harness.PumpVisibleAsync();
        var renewalsFailed = harness.Faults.Struck(FakeOperations.StoreCommit);
        var shopOrdersWhileLeaseLost = harness.Shop.Orders.Count;
        harness.Faults.Clear();
        await harness.RunUntilAsync(async () => (await harness.OrderAsync("1001"))?.Status == OrderStatus.Transferred);

        Assert.True(renewalsFailed > 0);
        Assert.Equal(0, shopOrdersWhileLeaseLost);
        Assert.Equal(["create"], harness.Shop.Effects.Select(e => e.Operation));
        Assert.Equal("S1", (await harness.OrderAsync("1001"))!.ShopOrderId);
    }
}

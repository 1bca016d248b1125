using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;

namespace OrderFunctions.App.Tests.Workflow;

/// <summary>One standalone app on its own Azurite for the whole class; each test works on an integration of its own.</summary>
public sealed class StandaloneWorkflowFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    internal FakeConnectors Platforms { get; } = new();

    internal StandaloneWorkflow App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(new AzuriteOptions());
        App = await StandaloneWorkflow.StartAsync(_azurite, Platforms);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _azurite!.DisposeAsync();
    }
}

/// <summary>The scenarios end to end: timers fan out polls, queue functions poll and step, through the
/// standalone runtime and the handler's wire contract, with the tracking wait in seconds.</summary>
public sealed class WorkflowEndToEndTests(StandaloneWorkflowFixture fixture) : IClassFixture<StandaloneWorkflowFixture>
{
    private StandaloneWorkflow App => fixture.App;

    private FakeMarketplace Marketplace(string integration) => fixture.Platforms.Marketplace(integration);

    private FakeShop Shop(string integration) => fixture.Platforms.Shop(integration);

    [Fact]
    public async Task AnOrderWithTrackingFlowsFromTheMarketplaceThroughTheShopAndBackClosed()
    {
        await App.AddIntegrationAsync("e2e-happy", new IntegrationSettings { NotifyNewOrders = true });
        Marketplace("e2e-happy").Place(Samples.MarketplaceOrder("1001"));

        await App.WaitForAsync("e2e-happy", "1001", OrderStatus.Transferred);
        Shop("e2e-happy").Complete("e2e-happy:1001", trackingNumber: "3SABCD1234567");
        await App.WaitForAsync("e2e-happy", "1001", OrderStatus.Closed);

        Assert.Equal(["create"], Shop("e2e-happy").Effects.Select(e => e.Operation));
        Assert.Equal(["acknowledge", "ship"], Marketplace("e2e-happy").Effects.Select(e => e.Operation));
        Assert.EndsWith("3SABCD1234567", Marketplace("e2e-happy").Shipments.Single().Detail, StringComparison.Ordinal);
        Assert.Contains(await App.NotificationsAsync(), n => n.Kind == NotificationKinds.NewOrders && n.IntegrationId == "e2e-happy");
    }

    [Fact]
    public async Task WithoutATrackingCodeTheOrderShipsAtTheDeadlineAndALateCodeChangesNothing()
    {
        await App.AddIntegrationAsync("e2e-late");
        Marketplace("e2e-late").Place(Samples.MarketplaceOrder("1001"));
        await App.WaitForAsync("e2e-late", "1001", OrderStatus.Transferred);

        Shop("e2e-late").Complete("e2e-late:1001");
        await App.WaitForAsync("e2e-late", "1001", OrderStatus.AwaitingTracking);
        await App.WaitForAsync("e2e-late", "1001", OrderStatus.Closed);
        Shop("e2e-late").AddTracking("e2e-late:1001", "3SABCD1234567");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.EndsWith("(no tracking)", Assert.Single(Marketplace("e2e-late").Shipments).Detail, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Closed, (await App.OrderAsync("e2e-late", "1001"))!.Status);
    }

    [Fact]
    public async Task TrackingBeforeTheDeadlineShipsWithTheCode()
    {
        await App.AddIntegrationAsync("e2e-early", new IntegrationSettings { TrackingWait = TimeSpan.FromSeconds(20) });
        Marketplace("e2e-early").Place(Samples.MarketplaceOrder("1001"));
        await App.WaitForAsync("e2e-early", "1001", OrderStatus.Transferred);
        Shop("e2e-early").Complete("e2e-early:1001");
        await App.WaitForAsync("e2e-early", "1001", OrderStatus.AwaitingTracking);

        Shop("e2e-early").AddTracking("e2e-early:1001", "3SABCD1234567");
        await App.WaitForAsync("e2e-early", "1001", OrderStatus.Closed);

        Assert.EndsWith("3SABCD1234567", Assert.Single(Marketplace("e2e-early").Shipments).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancellationOnEitherSideCancelsTheOtherSide()
    {
        await App.AddIntegrationAsync("e2e-cancel");
        Marketplace("e2e-cancel").Place(Samples.MarketplaceOrder("C"));
        Marketplace("e2e-cancel").Place(Samples.MarketplaceOrder("D"));
        await App.WaitForAsync("e2e-cancel", "C", OrderStatus.Transferred);
        await App.WaitForAsync("e2e-cancel", "D", OrderStatus.Transferred);

        Marketplace("e2e-cancel").CancelByMarketplace("C");
        Shop("e2e-cancel").SetStatusByMerchant("e2e-cancel:D", "cancelled");
        await App.WaitForAsync("e2e-cancel", "C", o => o is { Status: OrderStatus.Cancelled, ShopCancelled: true });
        await App.WaitForAsync("e2e-cancel", "D", o => o is { Status: OrderStatus.Cancelled, MarketplaceCancelled: true });

        Assert.Equal("cancelled", Shop("e2e-cancel").ByKey("e2e-cancel:C")!.Status);
        Assert.Equal("Cancelled", Marketplace("e2e-cancel").Order("D").Status);
    }

    [Fact]
    public async Task AnUnmappedStatusIsHeldUntilTheMappingIsAddedAndTheOrderReSynced()
    {
        var full = DefaultStatusMaps.For(MarketplaceCatalog.TrendyolDescriptor);
        var record = await App.AddIntegrationAsync("e2e-unmapped", map: full with { Entries = [.. full.Entries.Where(e => e.MarketplaceStatus != "Created")] });
        Marketplace("e2e-unmapped").Place(Samples.MarketplaceOrder("1001"));
        await App.WaitForAsync("e2e-unmapped", "1001", o => o.HoldReason == HoldReason.UnmappedStatus);

        await App.Integrations.ReplaceStatusMapAsync("e2e-unmapped", full, record.ETag, CancellationToken.None);
        var resynced = await App.Operations.ResyncAsync(OrderKey.Create("e2e-unmapped", "1001"), CancellationToken.None);

        Assert.Equal(ExecutionOutcome.Applied, resynced.Outcome);
        Assert.Equal(OrderStatus.Transferred, resynced.State!.Status);
        Assert.Contains(await App.NotificationsAsync(), n => n.Error is { ErrorKind: "unmapped-status" } && n.IntegrationId == "e2e-unmapped");
    }
}

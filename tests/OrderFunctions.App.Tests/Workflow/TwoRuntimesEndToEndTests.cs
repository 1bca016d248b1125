using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Tests.Workflow;

/// <summary>Two apps (two handlers, two standalone runtimes, both firing the timers and polling the queues) on one
/// storage account and the same platforms: every remote effect still happens once.</summary>
public sealed class TwoRuntimesEndToEndTests : IAsyncLifetime
{
    private const string Integration = "e2e-two";
    private static readonly string[] OrderIds = [.. Enumerable.Range(1, 8).Select(i => $"T{i}")];
    private readonly FakeConnectors _platforms = new();
    private AzuriteInstance _azurite = null!;
    private StandaloneWorkflow _first = null!;
    private StandaloneWorkflow _second = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(new AzuriteOptions());
        _first = await StandaloneWorkflow.StartAsync(_azurite, _platforms);
        _second = await StandaloneWorkflow.StartAsync(_azurite, _platforms);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task TwoRuntimesOnOneStorageCreateShipAndNotifyEachOrderOnce()
    {
        _platforms.Shop(Integration).CreateRaceWindow = TimeSpan.FromMilliseconds(30);
        await _first.AddIntegrationAsync(Integration, new IntegrationSettings { NotifyNewOrders = true });
        foreach (var id in OrderIds)
        {
            _platforms.Marketplace(Integration).Place(Samples.MarketplaceOrder(id));
        }

        foreach (var id in OrderIds)
        {
            await _first.WaitForAsync(Integration, id, OrderStatus.Transferred);
            _platforms.Shop(Integration).Complete($"{Integration}:{id}", trackingNumber: "3S" + id);
        }

        foreach (var id in OrderIds)
        {
            await _second.WaitForAsync(Integration, id, OrderStatus.Closed);
        }

        var shop = _platforms.Shop(Integration);
        var marketplace = _platforms.Marketplace(Integration);
        Assert.Equal(OrderIds.Length, shop.Orders.Count);
        Assert.Equal(OrderIds.Select(id => $"{Integration}:{id}").Order(), shop.Effects.Where(e => e.Operation == "create").Select(e => e.Order).Order());
        Assert.Equal(OrderIds.Order(), marketplace.Shipments.Select(e => e.Order).Order());
        Assert.Equal(OrderIds.Order(), marketplace.Effects.Where(e => e.Operation == "acknowledge").Select(e => e.Order).Order());
        var announced = (await _first.NotificationsAsync()).GroupBy(n => n.Id).SelectMany(g => g.First().Orders!).Select(o => o.MarketplaceOrderId);
        Assert.Equal(OrderIds.Order(), announced.Order());
        Assert.Equal(0, await _first.PoisonedAsync(_azurite));
    }
}

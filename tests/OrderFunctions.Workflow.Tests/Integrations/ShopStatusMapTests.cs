using Microsoft.Extensions.Options;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Shops;

namespace OrderFunctions.Workflow.Tests.Integrations;

/// <summary>A status map only names shop statuses the shop can set: Shopify sets four, so a Shopify integration gets a
/// default map in them, and a map (or reservation status) it cannot set is refused when the integration is stored —
/// not discovered order by order at transfer.</summary>
public sealed class ShopStatusMapTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly string[] ShopifySettable = ["open", "closed", "fulfilled", "cancelled"];

    private IntegrationStore _store = null!;

    public async Task InitializeAsync()
    {
        var storage = new WorkflowStorage(azurite.Connection.CreateTableServiceClient(), azurite.Connection.CreateQueueServiceClient(), new WorkflowStorageNames("m" + Guid.NewGuid().ToString("N")[..12]));
        await storage.EnsureCreatedAsync(CancellationToken.None);
        _store = new IntegrationStore(storage, TimeProvider.System, Options.Create(new WorkflowOptions()));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Integration ShopifyIntegration(string id, string marketplace = MarketplaceCatalog.Trendyol, IntegrationSettings? settings = null)
    {
        var integration = Samples.Integration(id, settings, marketplace);
        return integration with { Shop = integration.Shop with { Kind = ShopCatalog.Shopify } };
    }

    [Theory]
    [InlineData(MarketplaceCatalog.Trendyol)]
    [InlineData(MarketplaceCatalog.Bol)]
    public async Task ANewShopifyIntegrationWithoutAMapGetsOnlyStatusesShopifyCanSet(string marketplace)
    {
        var record = await _store.CreateAsync(ShopifyIntegration("shopify-" + marketplace, marketplace), null, CancellationToken.None);

        var stored = await _store.GetAsync(record.Integration.Id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.NotEmpty(stored.StatusMap.Entries);
        Assert.All(stored.StatusMap.Entries, e => Assert.Contains(e.ShopStatus, ShopifySettable));
        Assert.Contains(stored.StatusMap.Entries, e => e.ProcessInclusion && e.ShopStatus == "open");
        Assert.Contains(stored.StatusMap.Reverse, r => r is { ShopStatus: "fulfilled", Action: ReverseAction.Ship, Active: true });
        Assert.Contains(stored.StatusMap.Reverse, r => r is { ShopStatus: "cancelled", Action: ReverseAction.Cancel, Active: true });
    }

    [Fact]
    public async Task AShopifyIntegrationWithAMapOfStatusesShopifyCannotSetIsRefusedNamingEachRow()
    {
        var wooMap = DefaultStatusMaps.For(MarketplaceCatalog.TrendyolDescriptor, ShopCatalog.WooCommerce);

        var refused = await Assert.ThrowsAsync<IntegrationValidationException>(() => _store.CreateAsync(ShopifyIntegration("shopify-woo-map"), wooMap, CancellationToken.None));

        var processing = wooMap.Entries.ToList().FindIndex(e => e.ShopStatus == "processing");
        Assert.Contains($"statusMap.entries[{processing}].shopStatus", refused.Errors.Keys);
        Assert.Contains("open, closed, fulfilled, cancelled", refused.Errors[$"statusMap.entries[{processing}].shopStatus"][0], StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync("shopify-woo-map", CancellationToken.None));
    }

    [Fact]
    public async Task AShopifyIntegrationThatReservesStockInAStatusShopifyCannotSetIsRefused()
    {
        var settings = new IntegrationSettings { StockMode = StockMode.ReserveOnReceipt };

        var refused = await Assert.ThrowsAsync<IntegrationValidationException>(() => _store.CreateAsync(ShopifyIntegration("shopify-reserve", settings: settings), null, CancellationToken.None));

        Assert.Contains("settings.reservationShopStatus", refused.Errors.Keys);
    }

    [Fact]
    public async Task AWooCommerceIntegrationKeepsCustomShopStatuses()
    {
        var map = DefaultStatusMaps.For(MarketplaceCatalog.TrendyolDescriptor);
        map = map with { Entries = [.. map.Entries.Select(e => e.MarketplaceStatus == "Created" ? e with { ShopStatus = "CALL BACK" } : e)] };

        var record = await _store.CreateAsync(Samples.Integration("woo-custom"), map, CancellationToken.None);

        Assert.Contains(record.StatusMap.Entries, e => e.ShopStatus == "CALL BACK");
        Assert.Contains(record.StatusMap.Entries, e => e.ShopStatus == "processing");
    }
}

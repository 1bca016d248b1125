using Microsoft.Extensions.Options;
using OrderFunctions.App.Demo;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;

namespace OrderFunctions.App.Tests.Demo;

/// <summary>Seeding on the real Azurite, each test on tables of its own (a storage name prefix).</summary>
public sealed class DemoSeederTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly DemoManifestFile _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task SeedingTwice_CreatesTheTwoIntegrationsOnceThenLeavesThemUnchanged()
    {
        var store = await StoreAsync();
        var manifest = await ManifestAsync(41000);

        var first = await new DemoSeeder(store).SeedAsync(manifest, new DemoSeedOptions(), CancellationToken.None);
        var second = await new DemoSeeder(store).SeedAsync(manifest, new DemoSeedOptions(), CancellationToken.None);

        Assert.Equal([DemoSeedOutcome.Created, DemoSeedOutcome.Created], first.Select(r => r.Outcome));
        Assert.Equal([DemoSeedOutcome.Unchanged, DemoSeedOutcome.Unchanged], second.Select(r => r.Outcome));
        Assert.Equal(
            [DemoIntegrations.BolToShopifyId, DemoIntegrations.TrendyolToWooCommerceId],
            (await store.ListAsync(CancellationToken.None)).Select(r => r.Integration.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Seeding_StoresTheSandboxAccountsTheDemoTimingsAndAMapPerShop()
    {
        var store = await StoreAsync();

        await new DemoSeeder(store).SeedAsync(await ManifestAsync(41000), new DemoSeedOptions(), CancellationToken.None);

        var trendyol = (await store.GetAsync(DemoIntegrations.TrendyolToWooCommerceId, CancellationToken.None))!;
        Assert.Equal((new Uri("http://127.0.0.1:41000/"), "1001", "sandbox-trendyol"), (trendyol.Integration.Marketplace.BaseUrl, trendyol.Integration.Marketplace.AccountId, trendyol.Integration.Marketplace.SecretName));
        Assert.Equal((new Uri("http://127.0.0.1:41002/"), "woocommerce"), (trendyol.Integration.Shop.BaseUrl, trendyol.Integration.Shop.Kind));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), true), (trendyol.Integration.Settings.PollInterval, trendyol.Integration.Settings.TrackingWait, trendyol.Integration.Settings.NotifyNewOrders));
        Assert.Equal("processing", trendyol.StatusMap.Find("Created")!.ShopStatus);
        Assert.Equal(ReverseAction.Ship, trendyol.StatusMap.FindReverse("completed")!.Action);

        var bol = (await store.GetAsync(DemoIntegrations.BolToShopifyId, CancellationToken.None))!;
        Assert.Equal(("bol", "shopify", "2025-10"), (bol.Integration.Marketplace.Kind, bol.Integration.Shop.Kind, bol.Integration.Shop.ApiVersion));
        Assert.Equal(MarketplaceCatalog.BolDescriptor.Statuses.Select(s => s.Name).Order(StringComparer.Ordinal), bol.StatusMap.Entries.Select(e => e.MarketplaceStatus).Order(StringComparer.Ordinal));
        Assert.Equal("open", bol.StatusMap.Find("OPEN")!.ShopStatus);
        Assert.Equal(ReverseAction.Ship, bol.StatusMap.FindReverse("fulfilled")!.Action);
        Assert.Equal(ReverseAction.Cancel, bol.StatusMap.FindReverse("cancelled")!.Action);
    }

    [Fact]
    public async Task SeedingForASandboxOnNewPorts_UpdatesTheAccountsInPlace()
    {
        var store = await StoreAsync();
        await new DemoSeeder(store).SeedAsync(await ManifestAsync(41000), new DemoSeedOptions(), CancellationToken.None);

        var again = await new DemoSeeder(store).SeedAsync(await ManifestAsync(52000), new DemoSeedOptions(), CancellationToken.None);

        Assert.Equal([DemoSeedOutcome.Updated, DemoSeedOutcome.Updated], again.Select(r => r.Outcome));
        var bol = (await store.GetAsync(DemoIntegrations.BolToShopifyId, CancellationToken.None))!;
        Assert.Equal((new Uri("http://127.0.0.1:52001/"), new Uri("http://127.0.0.1:52003/")), (bol.Integration.Marketplace.BaseUrl, bol.Integration.Shop.BaseUrl));
        Assert.Equal(2, (await store.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task SeedingAfterAnOperatorEditedTheMap_RestoresTheDemoMap()
    {
        var store = await StoreAsync();
        var manifest = await ManifestAsync(41000);
        await new DemoSeeder(store).SeedAsync(manifest, new DemoSeedOptions(), CancellationToken.None);
        var stored = (await store.GetAsync(DemoIntegrations.BolToShopifyId, CancellationToken.None))!;
        await store.ReplaceStatusMapAsync(DemoIntegrations.BolToShopifyId, stored.StatusMap with { Reverse = [] }, stored.ETag, CancellationToken.None);

        var again = await new DemoSeeder(store).SeedAsync(manifest, new DemoSeedOptions(), CancellationToken.None);

        Assert.Equal([DemoSeedOutcome.Unchanged, DemoSeedOutcome.Updated], again.Select(r => r.Outcome));
        Assert.Equal(2, (await store.GetAsync(DemoIntegrations.BolToShopifyId, CancellationToken.None))!.StatusMap.Reverse.Count);
    }

    private async Task<IntegrationStore> StoreAsync()
    {
        var storage = new WorkflowStorage(
            azurite.Connection.CreateTableServiceClient(),
            azurite.Connection.CreateQueueServiceClient(),
            new WorkflowStorageNames("demo" + Guid.NewGuid().ToString("N")[..12]));
        await storage.EnsureCreatedAsync(CancellationToken.None);
        return new IntegrationStore(storage, TimeProvider.System, Options.Create(new WorkflowOptions()));
    }

    private Task<DemoManifest> ManifestAsync(int firstPort) =>
        DemoManifest.ReadAsync(_files.Write(DemoManifestFile.Manifest(firstPort)), CancellationToken.None);
}

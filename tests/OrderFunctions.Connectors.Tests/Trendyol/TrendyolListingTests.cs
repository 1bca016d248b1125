using OrderFunctions.Connectors.Tests.Http;
using OrderFunctions.Connectors.Trendyol;
using OrderFunctions.Sandbox.Trendyol;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Trendyol;

public sealed class TrendyolListingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);
    private TrendyolHarness _harness = null!;

    public static TheoryData<string> Statuses => new(TrendyolStatuses.All);

    public async Task InitializeAsync() =>
        _harness = await TrendyolHarness.StartAsync(new TrendyolSimulatorOptions { TimeProvider = _clock });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task EveryDocumentedStatusIsListedAsThatCatalogStatus(string status)
    {
        var package = _harness.AddOrder(status);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (orders, _) = await ListAllAsync(_harness.Connector(), Start.AddHours(-1), _clock.GetUtcNow());

        var order = Assert.Single(orders);
        Assert.Equal(package.OrderNumber, order.OrderId);
        Assert.Equal(status, order.Status);
        Assert.NotNull(MarketplaceCatalog.TrendyolDescriptor.FindStatus(order.Status));
    }

    [Fact]
    public async Task ListingPagesThroughEveryChangedOrderOnce()
    {
        var expected = Enumerable.Range(0, 7).Select(_ => _harness.AddOrder().OrderNumber).ToList();
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (orders, pages) = await ListAllAsync(_harness.Connector(new TrendyolSettings { ListPageSize = 2 }), Start.AddHours(-1), _clock.GetUtcNow());

        Assert.Equal(expected.Order(), orders.Select(o => o.OrderId).Order());
        Assert.Equal(4, pages);
        Assert.All(_harness.State.ListQueries.Where(q => q.OrderNumber is null), q => Assert.Equal(2, q.Size));
    }

    [Fact]
    public async Task ListingSplitsAWindowLongerThanTwoWeeksIntoTwoWeekWindows()
    {
        var early = _harness.AddOrder();
        _clock.Advance(TimeSpan.FromDays(20));
        var middle = _harness.AddOrder();
        _clock.Advance(TimeSpan.FromDays(15));
        var late = _harness.AddOrder();
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (orders, _) = await ListAllAsync(_harness.Connector(), Start.AddHours(-1), _clock.GetUtcNow());

        Assert.Equal(new[] { early.OrderNumber, middle.OrderNumber, late.OrderNumber }.Order(), orders.Select(o => o.OrderId).Order());
        var windows = _harness.State.ListQueries.Where(q => q.OrderNumber is null).ToList();
        Assert.Equal(3, windows.Count);
        Assert.All(windows, w => Assert.True(w.To - w.From <= TimeSpan.FromDays(14)));
        Assert.All(windows.Zip(windows.Skip(1)), pair => Assert.Equal(pair.First.To!.Value.AddMilliseconds(1), pair.Second.From));
    }

    [Fact]
    public async Task ListingStartsAtTheThreeMonthsTrendyolCanQuery()
    {
        var package = _harness.AddOrder();
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (orders, _) = await ListAllAsync(_harness.Connector(), Start.AddDays(-400), _clock.GetUtcNow());

        Assert.Equal(package.OrderNumber, Assert.Single(orders).OrderId);
        Assert.All(_harness.State.ListQueries, q => Assert.True(q.From is null || q.From >= Start.AddDays(-90)));
    }

    [Fact]
    public async Task AWindowHoldingMoreThanTenThousandPackagesIsHalved()
    {
        _harness.AddOrder();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var claimsToBeHuge = true;
        _harness.State.PageMutator = page =>
        {
            if (claimsToBeHuge)
            {
                page["totalElements"] = 10_001;
                claimsToBeHuge = false;
            }
        };
        var since = Start.AddDays(-2);

        var (orders, _) = await ListAllAsync(_harness.Connector(), since, _clock.GetUtcNow());

        Assert.Single(orders);
        var windows = _harness.State.ListQueries.Where(q => q.OrderNumber is null).ToList();
        Assert.True(windows.Count >= 2);
        Assert.Equal(windows[0].From, windows[1].From);
        Assert.True(windows[1].To - windows[1].From < windows[0].To - windows[0].From);
    }

    [Fact]
    public async Task ASplitPackageStaysOneOrderWithItsNewPackageIds()
    {
        var package = _harness.AddOrder();
        var newIds = _harness.State.SplitPackage(package.Id, [package.Lines[0].LineId], [package.Lines[1].LineId]);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (orders, _) = await ListAllAsync(_harness.Connector(), Start.AddHours(-1), _clock.GetUtcNow());

        var order = Assert.Single(orders);
        Assert.Equal(package.OrderNumber, order.OrderId);
        Assert.Equal(TrendyolStatuses.Created, order.Status);
        Assert.Equal(newIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)), order.PackageIds);
        Assert.Equal(package.Lines.Select(l => l.LineId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), order.Lines.Select(l => l.LineId).Order());
        Assert.All(order.Lines, l => Assert.Contains(l.PackageId, order.PackageIds));
    }

    [Fact]
    public async Task AnOrderIsListedWholeWhenOnlyOneOfItsPackagesChanged()
    {
        var package = _harness.AddOrder();
        var newIds = _harness.State.SplitPackage(package.Id, [package.Lines[0].LineId], [package.Lines[1].LineId]);
        _clock.Advance(TimeSpan.FromDays(1));
        var checkpoint = _clock.GetUtcNow();
        _harness.State.SetStatus(newIds[0], TrendyolStatuses.Shipped);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (orders, _) = await ListAllAsync(_harness.Connector(), checkpoint, _clock.GetUtcNow());

        var order = Assert.Single(orders);
        Assert.Equal(2, order.Lines.Count);
        Assert.Equal(TrendyolStatuses.Created, order.Status);
        Assert.Equal(1, order.Lines.Count(l => l.QuantityShipped == l.Quantity));
    }

    [Fact]
    public async Task AnOrderReadsAsTheCustomerPlacedItWithCarrierLabelAndLines()
    {
        var placed = Start.AddMinutes(-5);
        var package = _harness.State.AddOrder(new TrendyolOrderSeed
        {
            OrderNumber = "80869231",
            OrderDate = placed,
            Lines = [new TrendyolLineSeed("barcode1234", "SKU-1", "Mug", 2, 12.99m)],
        });

        var order = await _harness.Connector().GetOrderAsync("80869231", CancellationToken.None);

        Assert.NotNull(order);
        Assert.Equal(placed, order.PlacedAt);
        Assert.Equal("TRY", order.Currency);
        Assert.Equal(25.98m, order.TotalPrice);
        Assert.Equal("Trendyol Express Marketplace", order.CarrierName);
        Assert.Equal(package.CargoTrackingNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), order.TrackingCode);
        Assert.False(order.Acknowledged);
        var line = Assert.Single(order.Lines);
        Assert.Equal(("SKU-1", "barcode1234", 2, 12.99m), (line.Sku, line.Barcode, line.Quantity, line.UnitPrice));
        Assert.Equal(("Istanbul", "TR"), (order.ShippingAddress.City, order.ShippingAddress.CountryCode));
        Assert.Contains("Sisli", order.ShippingAddress.Address2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownOrderNumberReadsAsNull()
    {
        Assert.Null(await _harness.Connector().GetOrderAsync("999", CancellationToken.None));
    }

    private static async Task<(List<MarketplaceOrder> Orders, int Pages)> ListAllAsync(TrendyolMarketplace connector, DateTimeOffset since, DateTimeOffset until)
    {
        var orders = new List<MarketplaceOrder>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await connector.ListChangedOrdersAsync(since, until, token, CancellationToken.None);
            orders.AddRange(page.Orders);
            token = page.NextPageToken;
            pages++;
            Assert.True(pages < 50, "The listing does not end.");
        }
        while (token is not null);

        return (orders, pages);
    }
}

using OrderFunctions.Connectors.Bol;
using OrderFunctions.Connectors.Tests.Http;
using OrderFunctions.Sandbox.Bol;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Bol;

public sealed class BolListingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);
    private BolHarness _harness = null!;

    public static TheoryData<string> DerivedStatuses => new("OPEN", "CANCELLATION_REQUESTED", "SHIPPED", "CANCELLED");

    public async Task InitializeAsync() =>
        _harness = await BolHarness.StartAsync(new BolSimulatorOptions { TimeProvider = _clock, RequestsPerWindow = 1000 });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [MemberData(nameof(DerivedStatuses))]
    public async Task EveryDerivedStatusIsListedAsThatCatalogStatus(string status)
    {
        var (orderId, items) = _harness.AddOrder();
        foreach (var item in items)
        {
            Action<string> change = status switch
            {
                "CANCELLATION_REQUESTED" => _harness.State.RequestCancellation,
                "SHIPPED" => _harness.State.MarkShipped,
                "CANCELLED" => _harness.State.MarkCancelled,
                _ => _ => { },
            };
            change(item.OrderItemId);
        }

        _clock.Advance(TimeSpan.FromMinutes(1));

        var (orders, _) = await ListAllAsync(_harness.Connector(), _clock.GetUtcNow().AddMinutes(-20), _clock.GetUtcNow());

        var order = Assert.Single(orders);
        Assert.Equal((orderId, status), (order.OrderId, order.Status));
        Assert.NotNull(MarketplaceCatalog.BolDescriptor.FindStatus(order.Status));
    }

    [Fact]
    public async Task APartlyShippedOrderIsStillOpenAndACancellationRequestOnAShippedItemIsIgnored()
    {
        var (orderId, items) = _harness.AddOrder();
        _harness.State.MarkShipped(items[0].OrderItemId);
        _harness.State.RequestCancellation(items[0].OrderItemId);

        var order = await _harness.ReadAsync(_harness.Connector(), orderId);

        Assert.Equal("OPEN", order.Status);
        Assert.Equal([2, 0], order.Lines.Select(l => l.QuantityShipped));
    }

    [Fact]
    public async Task ListingPagesThroughMoreThanFiftyOrders()
    {
        var expected = Enumerable.Range(0, 120).Select(_ => _harness.AddOrder().OrderId).ToList();
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (orders, pages) = await ListAllAsync(_harness.Connector(), _clock.GetUtcNow().AddMinutes(-10), _clock.GetUtcNow());

        Assert.Equal(expected.Order(), orders.Select(o => o.OrderId).Order());
        Assert.Equal(3, pages);
        Assert.Equal(["change-interval-minute=11 page 1", "change-interval-minute=11 page 2", "change-interval-minute=11 page 3"], _harness.State.ListQueries);
    }

    [Fact]
    public async Task AWindowOlderThanAnHourIsListedDayByDay()
    {
        var early = _harness.AddOrder().OrderId;
        _clock.Advance(TimeSpan.FromDays(2));
        var late = _harness.AddOrder().OrderId;
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (orders, _) = await ListAllAsync(_harness.Connector(), Start.AddHours(-1), _clock.GetUtcNow());

        Assert.Equal(new[] { early, late }.Order(), orders.Select(o => o.OrderId).Order());
        Assert.Equal(
            ["2026-03-10", "2026-03-11", "2026-03-12", "2026-03-13"],
            _harness.State.ListQueries.Select(q => q["latest-change-date=".Length..^" page 1".Length]));
    }

    [Fact]
    public async Task OrdersChangedOutsideTheWindowAreLeftOut()
    {
        _harness.AddOrder();
        _clock.Advance(TimeSpan.FromHours(3));
        var checkpoint = _clock.GetUtcNow();
        var changed = _harness.AddOrder().OrderId;
        _clock.Advance(TimeSpan.FromHours(2));

        var (orders, _) = await ListAllAsync(_harness.Connector(), checkpoint, _clock.GetUtcNow());

        Assert.Equal(changed, Assert.Single(orders).OrderId);
    }

    [Fact]
    public async Task NoOrdersIsAnEmptyLastPage()
    {
        var page = await _harness.Connector().ListChangedOrdersAsync(Start.AddMinutes(-5), Start, null, CancellationToken.None);

        Assert.Empty(page.Orders);
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task AnOrderReadsWithItsAddressAndTheRetailersItems()
    {
        var placed = Start.AddMinutes(-30);
        _harness.State.AddOrder(new BolOrderSeed
        {
            OrderId = "A000DKTE6M",
            PlacedAt = placed,
            Items =
            [
                new BolItemSeed("0000007740404", "Mug", 2, 12.99m) { OfferReference = "BOLCOM00123" },
                new BolItemSeed("0000007740405", "Plate", 1, 5m),
                new BolItemSeed("0000007740406", "Stored at bol", 1, 7m) { FulfilmentMethod = "FBB" },
            ],
        });

        var order = await _harness.ReadAsync(_harness.Connector(), "A000DKTE6M");

        Assert.Equal((placed, "EUR", 30.98m, true), (order.PlacedAt, order.Currency, order.TotalPrice, order.Acknowledged));
        Assert.Equal(["BOLCOM00123", "0000007740405"], order.Lines.Select(l => l.Sku));
        Assert.Equal(("Dorpstraat 1 B", "1111ZZ", "NL"), (order.ShippingAddress.Address1, order.ShippingAddress.PostalCode, order.ShippingAddress.CountryCode));
        Assert.Equal(("Billie", "Jansen"), (order.Customer.FirstName, order.Customer.LastName));
    }

    [Fact]
    public async Task AnUnknownOrderReadsAsNull()
    {
        Assert.Null(await _harness.Connector().GetOrderAsync("NOPE", CancellationToken.None));
    }

    private static async Task<(List<MarketplaceOrder> Orders, int Pages)> ListAllAsync(BolMarketplace connector, DateTimeOffset since, DateTimeOffset until)
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
            Assert.True(pages < 100, "The listing does not end.");
        }
        while (token is not null);

        return (orders, pages);
    }
}

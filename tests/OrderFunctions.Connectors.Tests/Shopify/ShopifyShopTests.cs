using System.Net;
using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Sandbox.Shopify;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Shopify;

public sealed class ShopifyShopTests : ShopifyShopFixture
{
    [Fact]
    public async Task CreatedOrderCarriesTheOrderKeyAsSourceIdentifierAndIsFoundByIt()
    {
        var draft = ShopOrderDrafts.For("80869231", status: "open");

        var created = await Shop.CreateOrderAsync(draft, default);
        var found = await Shop.FindByOrderKeyAsync(draft.OrderKey, default);

        Assert.Equal(draft.OrderKey, created.OrderKey);
        Assert.Equal(ShopifyStatuses.Open, created.Status);
        Assert.Equal(created.ShopOrderId, found?.ShopOrderId);
        var stored = Simulator.GetOrder(created.ShopOrderId)!;
        Assert.Equal("orderfunctions", stored.SourceName);
        Assert.Equal("PAID", stored.FinancialStatus);
        Assert.Contains("trendyol-80869231", stored.Tags);
    }

    [Fact]
    public async Task FindOfAnUnknownKeyReturnsNull()
    {
        await Shop.CreateOrderAsync(ShopOrderDrafts.For("80869231", status: "open"), default);

        Assert.Null(await Shop.FindByOrderKeyAsync(ShopOrderDrafts.For("80869232").OrderKey, default));
    }

    [Fact]
    public async Task OrdersFromOtherChannelsHaveNoOrderKey()
    {
        var id = Simulator.CreateOrderDirectly("SKU-1", sourceIdentifier: "POS-1234-12-1000");

        var order = await Shop.GetOrderAsync(id, default);

        Assert.Null(order!.OrderKey);
    }

    [Fact]
    public async Task CreatingTheSameOrderAgainReturnsTheFirstOne()
    {
        var draft = ShopOrderDrafts.For("80869231", status: "open");

        var first = await Shop.CreateOrderAsync(draft, default);
        var second = await Shop.CreateOrderAsync(draft, default);

        Assert.Equal(first.ShopOrderId, second.ShopOrderId);
        Assert.Equal(1, Simulator.CountOrders(draft.OrderKey));
        Assert.Single(Simulator.Operations, o => o == "mutation orderCreate");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task CreateWhoseAnswerWasLostReturnsTheStoredOrderWithoutDuplicating(HttpStatusCode? answer)
    {
        var draft = ShopOrderDrafts.For("80869231", status: "open");
        Simulator.LoseNextCreateResponses(1, answer);

        var created = await Shop.CreateOrderAsync(draft, default);
        var again = await Shop.CreateOrderAsync(draft, default);

        Assert.Equal(draft.OrderKey, created.OrderKey);
        Assert.Equal(created.ShopOrderId, again.ShopOrderId);
        Assert.Equal(1, Simulator.CountOrders(draft.OrderKey));
        Assert.Equal(1, Simulator.OrdersCreated);
    }

    [Fact]
    public async Task CreateWithDecrementStockTakesInventoryAndWithoutLeavesIt()
    {
        await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open", decrementStock: true, ("SKU-1", 3)), default);
        await Shop.CreateOrderAsync(ShopOrderDrafts.For("2", status: "open", decrementStock: false, ("SKU-2", 2)), default);

        Assert.Equal(7, Simulator.GetAvailable("SKU-1"));
        Assert.Equal(5, Simulator.GetAvailable("SKU-2"));
    }

    [Fact]
    public async Task CreateWithDecrementStockDoesNotFailOnAnOversoldItem()
    {
        await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open", decrementStock: true, ("SKU-2", 7)), default);

        Assert.Equal(-2, Simulator.GetAvailable("SKU-2"));
    }

    [Fact]
    public async Task CreateInAnotherSettableStatusAppliesIt()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: ShopifyStatuses.Closed), default);

        Assert.Equal(ShopifyStatuses.Closed, created.Status);
        Assert.True(Simulator.GetOrder(created.ShopOrderId)!.Closed);
    }

    [Fact]
    public async Task CreateInAStatusShopifyCannotSetFailsBeforeCreating()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "processing"), default));

        Assert.False(error.IsTransient);
        Assert.Equal("status", error.Field);
        Assert.Equal(0, Simulator.OrdersCreated);
    }

    [Fact]
    public async Task CreateWithAnUnknownSkuFailsNamingOrderAndLine()
    {
        var draft = ShopOrderDrafts.For("80869231", status: "open", lines: [("SKU-1", 1), ("GHOST", 1)]);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.CreateOrderAsync(draft, default));

        Assert.False(error.IsTransient);
        Assert.Equal(draft.OrderKey, error.OrderId);
        Assert.Equal("lineItems[1].sku", error.Field);
        Assert.Contains("GHOST", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRefusedByShopifyNamesTheField()
    {
        var draft = ShopOrderDrafts.For("1", status: "open");
        draft = draft with { Source = draft.Source with { Customer = draft.Source.Customer with { Email = "not-an-email" } } };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.CreateOrderAsync(draft, default));

        Assert.False(error.IsTransient);
        Assert.Equal("order.email", error.Field);
        Assert.Equal($"shopify order {draft.OrderKey}: orderCreate refused field 'order.email': Email is invalid", error.Message);
    }

    [Fact]
    public async Task UnparseablePhoneIsKeptAsAnAttributeInsteadOfFailingTheOrder()
    {
        var draft = ShopOrderDrafts.For("1", status: "open");
        draft = draft with { Source = draft.Source with { Customer = draft.Source.Customer with { Phone = "0555 111 22 33" } } };

        var created = await Shop.CreateOrderAsync(draft, default);

        Assert.Equal(draft.OrderKey, created.OrderKey);
    }

    [Theory]
    [InlineData(nameof(ShopifyStatuses.Open))]
    [InlineData(nameof(ShopifyStatuses.OnHold))]
    [InlineData(nameof(ShopifyStatuses.PartiallyFulfilled))]
    [InlineData(nameof(ShopifyStatuses.Fulfilled))]
    [InlineData(nameof(ShopifyStatuses.Closed))]
    [InlineData(nameof(ShopifyStatuses.Refunded))]
    [InlineData(nameof(ShopifyStatuses.Cancelled))]
    public async Task EveryStatusTheHubKnowsIsReported(string name)
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open", lines: [("SKU-1", 2), ("SKU-2", 1)]), default);
        var id = created.ShopOrderId;
        var expected = name switch
        {
            nameof(ShopifyStatuses.OnHold) => Act(() => Simulator.HoldFulfillment(id), ShopifyStatuses.OnHold),
            nameof(ShopifyStatuses.PartiallyFulfilled) => Act(() => Simulator.Fulfill(id, quantities: new Dictionary<string, int> { ["SKU-1"] = 2 }), ShopifyStatuses.PartiallyFulfilled),
            nameof(ShopifyStatuses.Fulfilled) => Act(() => Simulator.Fulfill(id), ShopifyStatuses.Fulfilled),
            nameof(ShopifyStatuses.Closed) => Act(() => Simulator.Close(id), ShopifyStatuses.Closed),
            nameof(ShopifyStatuses.Refunded) => Act(() => Simulator.SetFinancialStatus(id, "REFUNDED"), ShopifyStatuses.Refunded),
            nameof(ShopifyStatuses.Cancelled) => Act(() => Simulator.Cancel(id), ShopifyStatuses.Cancelled),
            _ => ShopifyStatuses.Open,
        };

        var order = await Shop.GetOrderAsync(id, default);

        Assert.Equal(expected, order?.Status);
    }

    [Theory]
    [InlineData(ShopifyStatuses.Closed)]
    [InlineData(ShopifyStatuses.Fulfilled)]
    [InlineData(ShopifyStatuses.Cancelled)]
    public async Task UpdateStatusSetsEverySettableStatus(string status)
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);

        await Shop.UpdateStatusAsync(created.ShopOrderId, status, default);

        Assert.Equal(status, (await Shop.GetOrderAsync(created.ShopOrderId, default))!.Status);
    }

    [Fact]
    public async Task UpdateStatusReopensAClosedOrder()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "closed"), default);

        await Shop.UpdateStatusAsync(created.ShopOrderId, ShopifyStatuses.Open, default);

        Assert.False(Simulator.GetOrder(created.ShopOrderId)!.Closed);
    }

    [Fact]
    public async Task UpdateToTheCurrentStatusSendsNoMutation()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);

        await Shop.UpdateStatusAsync(created.ShopOrderId, ShopifyStatuses.Open, default);

        Assert.Equal(["mutation orderCreate"], Simulator.Operations.Where(o => o.StartsWith("mutation", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UpdateToAStatusShopifyCannotSetIsRefused()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.UpdateStatusAsync(created.ShopOrderId, "shipped", default));

        Assert.False(error.IsTransient);
        Assert.Contains("'shipped' cannot be set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrackingOfFulfilmentsIsRead()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open", lines: [("SKU-1", 1), ("SKU-2", 1)]), default);
        Simulator.Fulfill(created.ShopOrderId, new ShopifyTracking("PostNL", "3SABCD1234567"), new Dictionary<string, int> { ["SKU-1"] = 1 });
        Simulator.Fulfill(created.ShopOrderId, new ShopifyTracking("Royal Mail", "RR123456785GB", "https://track.example/RR123456785GB"));

        var order = await Shop.GetOrderAsync(created.ShopOrderId, default);

        Assert.Equal(ShopifyStatuses.Fulfilled, order!.Status);
        Assert.Equal(
            [new ShopTracking("3SABCD1234567", "PostNL", null), new ShopTracking("RR123456785GB", "Royal Mail", "https://track.example/RR123456785GB")],
            order.Tracking);
    }

    [Fact]
    public async Task TrackingAddedAfterTheFulfilmentIsRead()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);
        Simulator.Fulfill(created.ShopOrderId);
        Assert.Empty((await Shop.GetOrderAsync(created.ShopOrderId, default))!.Tracking);

        Simulator.AddTracking(created.ShopOrderId, new ShopifyTracking("UPS", "1Z999AA10123456784"));

        Assert.Equal([new ShopTracking("1Z999AA10123456784", "UPS", null)], (await Shop.GetOrderAsync(created.ShopOrderId, default))!.Tracking);
    }

    [Fact]
    public async Task CancelCancelsRestocksAndKeepsTheReasonAsStaffNote()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open", lines: ("SKU-1", 4)), default);
        Assert.Equal(6, Simulator.GetAvailable("SKU-1"));

        await Shop.CancelOrderAsync(created.ShopOrderId, "customer asked on Trendyol", restock: true, default);

        Assert.True(Simulator.GetOrder(created.ShopOrderId)!.Cancelled);
        Assert.Equal(10, Simulator.GetAvailable("SKU-1"));
    }

    [Fact]
    public async Task CancelWithoutRestockLeavesInventoryOut()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open", lines: ("SKU-1", 4)), default);

        await Shop.CancelOrderAsync(created.ShopOrderId, "damaged in the warehouse", restock: false, default);

        Assert.Equal(6, Simulator.GetAvailable("SKU-1"));
    }

    [Fact]
    public async Task CancellingACancelledOrderSendsNoMutation()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);
        Simulator.Cancel(created.ShopOrderId);

        await Shop.CancelOrderAsync(created.ShopOrderId, "again", restock: true, default);

        Assert.DoesNotContain("mutation orderCancel", Simulator.Operations);
    }

    [Fact]
    public async Task CancellingAShippedOrderIsRefusedNamingTheField()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);
        Simulator.Fulfill(created.ShopOrderId);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.CancelOrderAsync(created.ShopOrderId, "too late", restock: true, default));

        Assert.False(error.IsTransient);
        Assert.Equal("orderId", error.Field);
        Assert.Equal(created.ShopOrderId, error.OrderId);
    }

    [Fact]
    public async Task StockIsTheAvailableQuantityAndUntrackedOrUnknownSkusAreLeftOut()
    {
        var levels = await Shop.GetStockAsync(["SKU-1", "sku-2", "GIFT-CARD", "NOPE", "QUOTE\"SKU"], default);

        Assert.Equal([new StockLevel("SKU-1", 10), new StockLevel("sku-2", 5)], levels);
    }

    [Fact]
    public async Task GetOrderOfAnUnknownIdReturnsNull()
    {
        Assert.Null(await Shop.GetOrderAsync("gid://shopify/Order/42", default));
    }

    private static string Act(Action action, string status)
    {
        action();
        return status;
    }
}

public sealed class ShopifyCancelJobTests : ShopifyShopFixture
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 7, 10, 8, 0, 0, TimeSpan.Zero));

    protected override ShopifySimulatorOptions SimulatorOptions => new() { TimeProvider = _clock, CancelJobDuration = TimeSpan.FromMilliseconds(600) };

    protected override TimeProvider ConnectorTime => _clock;

    [Fact]
    public async Task CancelWaitsForShopifysCancelJob()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);

        await Shop.CancelOrderAsync(created.ShopOrderId, "customer", restock: true, default);

        // The job takes 600 ms; the connector checks every 250 ms: done at the third check.
        Assert.Equal(3, Simulator.Operations.Count(o => o == "query job"));
        Assert.Equal(ShopifyStatuses.Cancelled, (await Shop.GetOrderAsync(created.ShopOrderId, default))!.Status);
    }
}

public sealed class ShopifyLongCancelJobTests : ShopifyShopFixture
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 7, 10, 8, 0, 0, TimeSpan.Zero));

    protected override ShopifySimulatorOptions SimulatorOptions => new() { TimeProvider = _clock, CancelJobDuration = TimeSpan.FromHours(1) };

    protected override TimeProvider ConnectorTime => _clock;

    [Fact]
    public async Task CancelJobStillRunningAfterTheChecksIsLeftToShopify()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);

        await Shop.CancelOrderAsync(created.ShopOrderId, "customer", restock: true, default);

        Assert.Equal(10, Simulator.Operations.Count(o => o == "query job"));
        Assert.Equal(ShopifyStatuses.Open, (await Shop.GetOrderAsync(created.ShopOrderId, default))!.Status);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ShopifyStatuses.Cancelled, (await Shop.GetOrderAsync(created.ShopOrderId, default))!.Status);
    }
}

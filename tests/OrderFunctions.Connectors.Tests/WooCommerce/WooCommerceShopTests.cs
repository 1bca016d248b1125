using System.Net;
using System.Text.Json.Nodes;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Sandbox.WooCommerce;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.WooCommerce;

public sealed class WooCommerceShopTests : WooCommerceShopFixture
{
    [Fact]
    public async Task CreatedOrderCarriesTheOrderKeyAndIsFoundByIt()
    {
        var draft = ShopOrderDrafts.For("80869231");

        var created = await Shop.CreateOrderAsync(draft, default);
        var found = await Shop.FindByOrderKeyAsync(draft.OrderKey, default);

        Assert.Equal(draft.OrderKey, created.OrderKey);
        Assert.Equal("processing", created.Status);
        Assert.Equal(created.ShopOrderId, found?.ShopOrderId);
        var stored = Simulator.GetOrder(int.Parse(created.ShopOrderId, System.Globalization.CultureInfo.InvariantCulture))!;
        Assert.Equal("80869231", stored.Meta[WooCommerceMeta.MarketplaceOrderId]?.ToString());
        Assert.Equal("trendyol", stored.Meta[WooCommerceMeta.Marketplace]?.ToString());
    }

    [Fact]
    public async Task FindOfAnUnknownKeyReturnsNull()
    {
        await Shop.CreateOrderAsync(ShopOrderDrafts.For("80869231"), default);

        Assert.Null(await Shop.FindByOrderKeyAsync(ShopOrderDrafts.For("80869232").OrderKey, default));
    }

    [Fact]
    public async Task FindIgnoresOrdersWhoseSearchMatchesButKeyDiffers()
    {
        // Another integration's order for the same marketplace order id is found by the search, not by the key.
        var other = ShopOrderDrafts.For("80869231") with { OrderKey = "other-integration:80869231" };
        await Shop.CreateOrderAsync(other, default);

        Assert.Null(await Shop.FindByOrderKeyAsync(ShopOrderDrafts.For("80869231").OrderKey, default));
    }

    [Fact]
    public async Task CreatingTheSameOrderAgainReturnsTheFirstOne()
    {
        var draft = ShopOrderDrafts.For("80869231");

        var first = await Shop.CreateOrderAsync(draft, default);
        var second = await Shop.CreateOrderAsync(draft, default);

        Assert.Equal(first.ShopOrderId, second.ShopOrderId);
        Assert.Equal(1, Simulator.CountOrders(WooCommerceMeta.OrderKey, draft.OrderKey));
        Assert.Single(Simulator.Requests, r => r == "POST /wp-json/wc/v3/orders");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task CreateWhoseAnswerWasLostReturnsTheStoredOrderWithoutDuplicating(HttpStatusCode? answer)
    {
        var draft = ShopOrderDrafts.For("80869231");
        Simulator.LoseNextCreateResponses(1, answer);

        var created = await Shop.CreateOrderAsync(draft, default);
        var again = await Shop.CreateOrderAsync(draft, default);

        Assert.Equal(draft.OrderKey, created.OrderKey);
        Assert.Equal(created.ShopOrderId, again.ShopOrderId);
        Assert.Equal(1, Simulator.CountOrders(WooCommerceMeta.OrderKey, draft.OrderKey));
        Assert.Equal(1, Simulator.OrdersCreated);
    }

    [Fact]
    public async Task CreateThatFailedBeforeTheShopStoredItIsTransientNotRetriedAndALaterCallCreatesOnce()
    {
        var draft = ShopOrderDrafts.For("80869231");
        Simulator.RejectNextCreates(1, HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.CreateOrderAsync(draft, default));
        var created = await Shop.CreateOrderAsync(draft, default);

        Assert.True(error.IsTransient);
        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(2, Simulator.Requests.Count(r => r == "POST /wp-json/wc/v3/orders"));
        Assert.Equal(draft.OrderKey, created.OrderKey);
        Assert.Equal(1, Simulator.OrdersCreated);
    }

    [Fact]
    public async Task CreateWithDecrementStockMarksPaidAndTakesTheItemsFromStock()
    {
        await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "pending", decrementStock: true, ("SKU-1", 2)), default);

        Assert.Equal(8, Simulator.GetStock("SKU-1"));
        Assert.Equal("processing", Assert.Single(Simulator.Orders).Status);
    }

    [Fact]
    public async Task CreateInPendingWithoutDecrementStockLeavesStockAlone()
    {
        await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "pending", decrementStock: false, ("SKU-1", 2)), default);

        Assert.Equal(10, Simulator.GetStock("SKU-1"));
        Assert.Equal("pending", Assert.Single(Simulator.Orders).Status);
    }

    [Fact]
    public async Task VariationSkuIsOrderedAsTheVariationOfItsParent()
    {
        await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", lines: ("SHIRT-M", 1)), default);

        var line = (JsonObject)Assert.Single(Simulator.Orders).Json["line_items"]!.AsArray()[0]!;
        Assert.Equal("SHIRT-M", line["sku"]!.ToString());
        Assert.NotEqual(0, (int)line["variation_id"]!);
        Assert.Equal(2, Simulator.GetStock("SHIRT-M"));
    }

    [Fact]
    public async Task CreateKeepsTheMarketplacePricesAndAddresses()
    {
        await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", lines: ("SKU-2", 3)), default);

        var json = Assert.Single(Simulator.Orders).Json;
        Assert.Equal("38.97", json["line_items"]![0]!["total"]!.ToString());
        Assert.Equal("TRY", json["currency"]!.ToString());
        Assert.Equal("Istanbul", json["shipping"]!["city"]!.ToString());
        Assert.Equal("ayse@trendyolmail.com", json["billing"]!["email"]!.ToString());
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("processing")]
    [InlineData("on-hold")]
    [InlineData("completed")]
    [InlineData("cancelled")]
    [InlineData("refunded")]
    [InlineData("failed")]
    [InlineData("checkout-draft")]
    [InlineData("shipped")]
    [InlineData("awaiting-pickup")]
    public async Task EveryStatusTheShopHasIsReportedAsIs(string status)
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);
        Simulator.SetStatus(int.Parse(created.ShopOrderId, System.Globalization.CultureInfo.InvariantCulture), status);

        var order = await Shop.GetOrderAsync(created.ShopOrderId, default);

        Assert.Equal(status, order?.Status);
    }

    [Fact]
    public async Task UpdateStatusSetsACustomStatus()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);

        await Shop.UpdateStatusAsync(created.ShopOrderId, "shipped", default);

        Assert.Equal("shipped", Assert.Single(Simulator.Orders).Status);
    }

    [Fact]
    public async Task UpdateToTheCurrentStatusSendsNothing()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);

        await Shop.UpdateStatusAsync(created.ShopOrderId, "processing", default);

        Assert.DoesNotContain(Simulator.Requests, r => r.StartsWith("PUT ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateToAStatusTheShopDoesNotKnowFailsAndIsNotTransient()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.UpdateStatusAsync(created.ShopOrderId, "teleported", default));

        Assert.False(error.IsTransient);
        Assert.Equal(400, error.HttpStatus);
        Assert.Contains("status", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrderOfAnUnknownIdReturnsNull()
    {
        Assert.Null(await Shop.GetOrderAsync("999999", default));
    }

    [Fact]
    public async Task TrackingFromTheShipmentTrackingExtensionIsRead()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);
        var id = int.Parse(created.ShopOrderId, System.Globalization.CultureInfo.InvariantCulture);
        Simulator.Complete(id, new ShipmentTrackingItem("3SABCD1234567", "PostNL"));
        Simulator.AddTracking(id, new ShipmentTrackingItem("XY123", "", CustomProvider: "Bike courier", CustomLink: "https://track.example/XY123"));

        var order = await Shop.GetOrderAsync(created.ShopOrderId, default);

        Assert.Equal("completed", order!.Status);
        Assert.Equal(
            [new ShopTracking("3SABCD1234567", "PostNL", null), new ShopTracking("XY123", "Bike courier", "https://track.example/XY123")],
            order.Tracking);
    }

    [Fact]
    public async Task TrackingFromLegacyMetaKeysIsRead()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);
        Simulator.AddLegacyTracking(int.Parse(created.ShopOrderId, System.Globalization.CultureInfo.InvariantCulture), "UPS", "1Z999AA10123456784");

        var order = await Shop.GetOrderAsync(created.ShopOrderId, default);

        Assert.Equal([new ShopTracking("1Z999AA10123456784", "UPS", null)], order!.Tracking);
    }

    [Fact]
    public async Task OrderWithoutTrackingHasNone()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);

        Assert.Empty((await Shop.GetOrderAsync(created.ShopOrderId, default))!.Tracking);
    }

    [Fact]
    public async Task CancelSetsCancelledRecordsTheReasonAndStockComesBack()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", lines: ("SKU-1", 2)), default);
        Assert.Equal(8, Simulator.GetStock("SKU-1"));

        await Shop.CancelOrderAsync(created.ShopOrderId, "customer asked on Trendyol", restock: true, default);

        var order = Assert.Single(Simulator.Orders);
        Assert.Equal("cancelled", order.Status);
        Assert.Equal("customer asked on Trendyol", order.Meta[WooCommerceMeta.CancelReason]?.ToString());
        Assert.Equal(10, Simulator.GetStock("SKU-1"));
    }

    [Fact]
    public async Task CancellingACancelledOrderSendsNothing()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", lines: ("SKU-1", 2)), default);
        Simulator.Cancel(int.Parse(created.ShopOrderId, System.Globalization.CultureInfo.InvariantCulture));

        await Shop.CancelOrderAsync(created.ShopOrderId, "again", restock: true, default);

        Assert.DoesNotContain(Simulator.Requests, r => r.StartsWith("PUT ", StringComparison.Ordinal));
        Assert.Equal(10, Simulator.GetStock("SKU-1"));
    }

    [Fact]
    public async Task StockIsReportedForManagedSkusAndUnknownOnesAreLeftOut()
    {
        var levels = await Shop.GetStockAsync(["SKU-1", "sku-2", "SHIRT-M", "SHIRT", "NOPE"], default);

        Assert.Equal([new StockLevel("SKU-1", 10), new StockLevel("sku-2", 5), new StockLevel("SHIRT-M", 3)], levels);
    }

    [Fact]
    public async Task CreateWithAnUnknownSkuFailsNamingOrderAndLine()
    {
        var draft = ShopOrderDrafts.For("80869231", lines: [("SKU-1", 1), ("GHOST", 1)]);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.CreateOrderAsync(draft, default));

        Assert.False(error.IsTransient);
        Assert.Equal("woocommerce", error.Platform);
        Assert.Equal(draft.OrderKey, error.OrderId);
        Assert.Equal("line_items[1].sku", error.Field);
        Assert.Contains("GHOST", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Simulator.OrdersCreated);
    }
}

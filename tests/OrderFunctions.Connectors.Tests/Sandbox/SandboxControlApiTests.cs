using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderFunctions.Connectors.Bol;
using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Connectors.Tests.Http;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Connectors.Trendyol;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Sandbox;

/// <summary>The control API driven over HTTP, as the demo and the benchmarks do, with the real connectors on the other
/// side of each simulator.</summary>
public sealed class SandboxControlApiTests(SandboxFixture sandbox) : IClassFixture<SandboxFixture>
{
    private static readonly string[] CatalogueSkus = [.. SandboxCatalog.Products.Select(p => p.Sku)];

    [Fact]
    public async Task AddedTrendyolOrdersAreListedByTheTrendyolConnector()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var added = (await PostAsync("trendyol/orders", new { count = 3 }))["orders"]!.AsArray();

        var listed = await MarketplaceListing.ListAllAsync(Trendyol(), since, DateTimeOffset.UtcNow);

        Assert.Equal(3, added.Count);
        foreach (var orderNumber in added.Select(o => (string)o!["orderNumber"]!))
        {
            var order = Assert.Single(listed, o => o.OrderId == orderNumber);
            Assert.Equal("Created", order.Status);
            Assert.Equal("TRY", order.Currency);
            Assert.Equal("TR", order.ShippingAddress.CountryCode);
            Assert.All(order.Lines, line => Assert.Contains(line.Sku, CatalogueSkus));
        }
    }

    [Fact]
    public async Task AddedBolOrdersAreReadByTheBolConnector()
    {
        var added = (await PostAsync("bol/orders", new { count = 2 }))["orders"]!.AsArray();

        foreach (var orderId in added.Select(o => (string)o!["orderId"]!))
        {
            var order = await Bol().GetOrderAsync(orderId, CancellationToken.None);
            Assert.NotNull(order);
            Assert.Equal("OPEN", order.Status);
            Assert.All(order.Lines, line => Assert.Contains(line.Sku, CatalogueSkus));
        }
    }

    [Fact]
    public async Task TrendyolRecordsCountTheAcknowledgementAndTheTrackingTheConnectorSent()
    {
        var orderNumber = (string)(await PostAsync("trendyol/orders", new { count = 1 }))["orders"]![0]!["orderNumber"]!;
        var connector = Trendyol();
        var order = (await connector.GetOrderAsync(orderNumber, CancellationToken.None))!;

        await connector.AcknowledgeAsync(order, invoiceNumber: null, CancellationToken.None);
        await connector.PushShipmentAsync(order, new ShipmentInfo { TrackingCode = "731234567890", CarrierCode = "YKMP", ShipmentReference = "sandbox-1" }, CancellationToken.None);
        var records = await GetAsync("trendyol/records");
        var summary = await GetAsync("records");

        var recorded = records["orders"]![orderNumber]!;
        Assert.Equal(1, (int)recorded["acknowledgements"]!);
        Assert.Equal(1, (int)recorded["trackingPushes"]!);
        Assert.Equal(0, (int)recorded["cancellations"]!);
        Assert.True((int)summary["trendyol"]!["trackingPushes"]! >= 1);
        Assert.Null(summary["trendyol"]!["orders"]);
    }

    [Fact]
    public async Task BolShipmentIsRecordedAndItsProcessCompletesOnRequest()
    {
        var orderId = (string)(await PostAsync("bol/orders", new { count = 1 }))["orders"]![0]!["orderId"]!;
        var connector = Bol();
        var order = (await connector.GetOrderAsync(orderId, CancellationToken.None))!;

        var pushed = await connector.PushShipmentAsync(order, new ShipmentInfo { TrackingCode = "3SABCD123456789", CarrierCode = "TNT", ShipmentReference = "sandbox-2" }, CancellationToken.None);
        using var completed = await sandbox.Control.PostAsync("bol/processes/complete", content: null);
        var progress = await connector.GetShipmentProgressAsync(pushed.ProcessId!, CancellationToken.None);
        var recorded = (await GetAsync("bol/records"))["orders"]![orderId]!;

        Assert.Equal(ShipmentProgress.Pending, pushed.Progress);
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);
        Assert.Equal(ShipmentProgress.Done, progress.Progress);
        Assert.Equal(1, (int)recorded["shipments"]!);
        Assert.Equal((int)recorded["quantity"]!, (int)recorded["quantityShipped"]!);
    }

    [Theory]
    [InlineData("woocommerce", "completed")]
    [InlineData("shopify", "fulfilled")]
    public async Task HubOrderCompletedWithoutTrackingGetsTrackingLater(string kind, string completedStatus)
    {
        var shop = Shop(kind);
        var key = OrderKey.Create("control-test", $"LATER-{kind}").Value;
        var created = await shop.CreateOrderAsync(Draft(kind, key), CancellationToken.None);
        var orderRef = await RefOfAsync(kind, key);

        await PostAsync($"{kind}/orders/{orderRef}/complete", new { });
        var completed = (await shop.GetOrderAsync(created.ShopOrderId, CancellationToken.None))!;
        var tracked = await PostAsync($"{kind}/orders/{orderRef}/tracking", new { });
        var later = (await shop.GetOrderAsync(created.ShopOrderId, CancellationToken.None))!;

        Assert.Equal(completedStatus, completed.Status);
        Assert.Empty(completed.Tracking);
        var tracking = Assert.Single(later.Tracking);
        Assert.Equal((string)tracked["tracking"]![0]!["number"]!, tracking.TrackingNumber);
        Assert.Matches("^3S[A-Z]{4}[0-9]{9}$", tracking.TrackingNumber);
        Assert.Equal("PostNL", tracking.Carrier);
        Assert.Equal(1, (int)(await GetAsync($"{kind}/records"))["ordersByKey"]![key]!);
    }

    [Theory]
    [InlineData("woocommerce")]
    [InlineData("shopify")]
    public async Task CompleteOpenCompletesEveryOpenHubOrderWithTrackingForItsMarketplace(string kind)
    {
        var shop = Shop(kind);
        var trendyolOrder = (string)(await PostAsync("trendyol/orders", new { count = 1 }))["orders"]![0]!["orderNumber"]!;
        var fromTrendyol = OrderKey.Create("control-test", trendyolOrder).Value;
        var fromElsewhere = OrderKey.Create("control-test", $"OPEN-{kind}").Value;
        await shop.CreateOrderAsync(Draft(kind, fromTrendyol), CancellationToken.None);
        await shop.CreateOrderAsync(Draft(kind, fromElsewhere), CancellationToken.None);

        var completed = (await PostAsync($"{kind}/orders/complete-open", new { withTracking = true }))["orders"]!.AsArray();
        var open = (await PostAsync($"{kind}/orders/complete-open", new { withTracking = true }))["orders"]!.AsArray();

        var trendyolTracking = completed.Single(o => (string?)o!["orderKey"] == fromTrendyol)!["tracking"]![0]!;
        var otherTracking = completed.Single(o => (string?)o!["orderKey"] == fromElsewhere)!["tracking"]![0]!;
        Assert.Equal("Yurtiçi Kargo", (string)trendyolTracking["carrier"]!);
        Assert.Matches("^[0-9]{12}$", (string)trendyolTracking["number"]!);
        Assert.Equal("PostNL", (string)otherTracking["carrier"]!);
        Assert.Empty(open);
    }

    [Fact]
    public async Task EachSideCanCancel()
    {
        var trendyolOrder = (string)(await PostAsync("trendyol/orders", new { count = 1 }))["orders"]![0]!["orderNumber"]!;
        var bolOrders = (await PostAsync("bol/orders", new { count = 2 }))["orders"]!.AsArray().Select(o => (string)o!["orderId"]!).ToList();
        var key = OrderKey.Create("control-test", "CANCEL-1").Value;
        var shopOrder = await Shop("woocommerce").CreateOrderAsync(Draft("woocommerce", key), CancellationToken.None);

        await PostAsync($"trendyol/orders/{trendyolOrder}/cancel", new { });
        await PostAsync($"bol/orders/{bolOrders[0]}/cancel", new { });
        await PostAsync($"bol/orders/{bolOrders[1]}/cancellation-request", new { });
        await PostAsync($"woocommerce/orders/{await RefOfAsync("woocommerce", key)}/cancel", new { });

        Assert.Equal("Cancelled", (await Trendyol().GetOrderAsync(trendyolOrder, CancellationToken.None))!.Status);
        Assert.Equal("CANCELLED", (await Bol().GetOrderAsync(bolOrders[0], CancellationToken.None))!.Status);
        Assert.Equal("CANCELLATION_REQUESTED", (await Bol().GetOrderAsync(bolOrders[1], CancellationToken.None))!.Status);
        Assert.Equal("cancelled", (await Shop("woocommerce").GetOrderAsync(shopOrder.ShopOrderId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task DuplicateShopOrdersShowInTheRecords()
    {
        var key = OrderKey.Create("control-test", "DUPLICATE-1").Value;
        for (var i = 0; i < 2; i++)
        {
            sandbox.Host.WooCommerce.CreateOrderDirectly(new JsonObject
            {
                ["meta_data"] = new JsonArray(new JsonObject { ["key"] = "_orderfunctions_order_key", ["value"] = key }),
            });
        }

        var records = await GetAsync("woocommerce/records");

        Assert.Contains(key, records["duplicateKeys"]!.AsArray().Select(k => (string)k!));
        Assert.Equal(2, (int)records["ordersByKey"]![key]!);
    }

    [Fact]
    public async Task ManifestNamesEveryAccountWithItsCredentials()
    {
        var manifest = await GetAsync("");

        Assert.Equal(["trendyol", "bol", "woocommerce", "shopify"], manifest["accounts"]!.AsObject().Select(a => a.Key));
        Assert.Equal(sandbox.Host.Trendyol.BaseUri.AbsoluteUri, (string)manifest["accounts"]!["trendyol"]!["baseUrl"]!);
        Assert.Equal(SandboxHost.ShopifyApiVersion, (string)manifest["accounts"]!["shopify"]!["apiVersion"]!);
        Assert.Equal(sandbox.Host.Bol.TokenUri.AbsoluteUri, (string)manifest["accounts"]!["bol"]!["credentials"]!["tokenUrl"]!);
    }

    [Theory]
    [InlineData("trendyol/orders", """{"count":0}""", HttpStatusCode.BadRequest, "count must be 1-1000")]
    [InlineData("trendyol/orders", """{"status":"Lost"}""", HttpStatusCode.BadRequest, "status 'Lost' is not a Trendyol status")]
    [InlineData("bol/orders", """{"status":"OPEN"}""", HttpStatusCode.BadRequest, "bol orders have no status")]
    [InlineData("trendyol/orders/404404/cancel", "{}", HttpStatusCode.NotFound, "Trendyol has no order '404404'")]
    [InlineData("shopify/orders/gid/complete", "{}", HttpStatusCode.NotFound, "Shopify has no order 'gid'")]
    [InlineData("woocommerce/orders/999999/tracking", "{}", HttpStatusCode.NotFound, "woocommerce has no order '999999'")]
    public async Task BadRequestsAreProblemsSayingWhatIsWrong(string path, string body, HttpStatusCode status, string detail)
    {
        using var response = await sandbox.Control.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingAShippedTrendyolOrderIsAConflict()
    {
        var added = sandbox.Host.Orders.AddTrendyolOrders(1)[0];
        sandbox.Host.Trendyol.State.SetStatus(added.PackageId, "Shipped");

        using var response = await sandbox.Control.PostAsync($"trendyol/orders/{added.OrderNumber}/cancel", content: null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    private TrendyolMarketplace Trendyol() =>
        new(sandbox.Account("trendyol"), sandbox.Credentials("trendyol"), TestClientOptions.Fast(), TimeProvider.System);

    private BolMarketplace Bol() =>
        new(sandbox.Account("bol"), sandbox.Credentials("bol"), TestClientOptions.Fast(), TimeProvider.System);

    private IShop Shop(string kind) => kind == "woocommerce"
        ? WooCommerceShop.Create(sandbox.Account(kind), sandbox.Credentials(kind), TestClientOptions.Fast())
        : ShopifyShop.Create(sandbox.Account(kind), sandbox.Credentials(kind), TestClientOptions.Fast(), TimeProvider.System);

    /// <summary>What the workflow would create for <paramref name="orderKey"/>, in the shop's "new order" status.</summary>
    private static ShopOrderDraft Draft(string kind, string orderKey) =>
        ShopOrderDrafts.For(OrderKey.Parse(orderKey).MarketplaceOrderId, kind == "woocommerce" ? "processing" : "open", decrementStock: true, ("OF-MUG-350", 1))
            with { OrderKey = orderKey };

    private async Task<string> RefOfAsync(string kind, string orderKey)
    {
        var orders = (await GetAsync($"{kind}/orders"))["orders"]!.AsArray();
        return (string)orders.Single(o => (string?)o!["orderKey"] == orderKey)!["ref"]!;
    }

    private async Task<JsonNode> GetAsync(string path)
    {
        using var response = await sandbox.Control.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<JsonNode> PostAsync(string path, object body)
    {
        using var response = await sandbox.Control.PostAsJsonAsync(path, body, JsonSerializerOptions.Web);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}

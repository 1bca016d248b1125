using System.Net;
using System.Text.Json.Nodes;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Shopify;

/// <summary>Malformed answers from Shopify: each is a clear, non-transient error naming platform, order and field.</summary>
public sealed class ShopifyBadInputTests : ShopifyShopFixture
{
    [Fact]
    public async Task MissingFulfillmentStatusIsNamed()
    {
        var (error, id) = await ReadCorrupted(order => order.Remove("displayFulfillmentStatus"));

        AssertNames(error, id, "data.order.displayFulfillmentStatus", "is missing");
    }

    [Fact]
    public async Task UnknownFulfillmentStatusIsNamedNotGuessed()
    {
        var (error, id) = await ReadCorrupted(order => order["displayFulfillmentStatus"] = "TELEPORTED");

        AssertNames(error, id, "data.order.displayFulfillmentStatus", "has the value 'TELEPORTED', which the pinned API version does not define");
    }

    [Fact]
    public async Task UnknownFinancialStatusIsNamed()
    {
        var (error, id) = await ReadCorrupted(order => order["displayFinancialStatus"] = "BARTERED");

        AssertNames(error, id, "data.order.displayFinancialStatus", "has the value 'BARTERED'");
    }

    [Fact]
    public async Task ClosedOfTheWrongTypeIsNamed()
    {
        var (error, id) = await ReadCorrupted(order => order["closed"] = "yes");

        AssertNames(error, id, "data.order.closed", "should be true or false but is a string");
    }

    [Fact]
    public async Task NullUpdateDateIsNamed()
    {
        var (error, id) = await ReadCorrupted(order => order["updatedAt"] = null);

        AssertNames(error, id, "data.order.updatedAt", "is null");
    }

    [Fact]
    public async Task FulfilmentsOfTheWrongTypeAreNamed()
    {
        var (error, id) = await ReadCorrupted(order => order["fulfillments"] = new JsonObject());

        AssertNames(error, id, "data.order.fulfillments", "should be an array but is an object");
    }

    [Fact]
    public async Task TrackingNumberOfTheWrongTypeIsNamed()
    {
        var (error, id) = await ReadCorrupted(order => order["fulfillments"] = new JsonArray(new JsonObject
        {
            ["status"] = "SUCCESS",
            ["trackingInfo"] = new JsonArray(new JsonObject { ["number"] = new JsonArray(), ["company"] = "UPS", ["url"] = null }),
        }));

        AssertNames(error, id, "data.order.fulfillments[0].trackingInfo[0].number", "should be a string but is an array");
    }

    [Fact]
    public async Task PageLargerThanAskedForIsRefused()
    {
        for (var i = 0; i < 30; i++)
        {
            Simulator.CreateOrderDirectly("SKU-1");
        }

        Simulator.IgnorePageSize = true;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.ListChangedOrdersAsync(DateTimeOffset.UnixEpoch, null, default));

        Assert.False(error.IsTransient);
        Assert.Contains("holds 30 orders, more than the 25 asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphQLErrorIsNotTransientAndNamesTheOperation()
    {
        Simulator.RewriteResponses(response =>
        {
            response.Remove("data");
            response["errors"] = new JsonArray(new JsonObject { ["message"] = "Internal error. Looks like something went wrong on our end.", ["path"] = new JsonArray("order") });
        });

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync("gid://shopify/Order/1", default));

        Assert.False(error.IsTransient);
        Assert.Equal("order", error.Field);
        Assert.StartsWith("shopify order gid://shopify/Order/1: GetOrder failed: Internal error.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerWithoutDataIsNamed()
    {
        Simulator.RewriteResponses(response => response.Remove("data"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetStockAsync(["SKU-1"], default));

        Assert.Equal("data", error.Field);
        Assert.Equal("shopify: field 'data' is missing.", error.Message);
    }

    [Fact]
    public async Task HtmlErrorPageIsNamedAndTransient()
    {
        Simulator.Faults.HtmlErrorPageNext(10);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync("gid://shopify/Order/1", default));

        Assert.True(error.IsTransient);
        Assert.Contains("HTML page instead of JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlPageWithStatus200IsNotTakenForData()
    {
        Simulator.Faults.HtmlErrorPageNext(1, HttpStatusCode.OK);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync("gid://shopify/Order/1", default));

        Assert.Contains("'text/html; charset=utf-8' instead of JSON", error.Message, StringComparison.Ordinal);
    }

    private async Task<(ConnectorException Error, string Id)> ReadCorrupted(Action<JsonObject> corruptOrder)
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);
        Simulator.RewriteResponses(response =>
        {
            if (response["data"]?["order"] is JsonObject order)
            {
                corruptOrder(order);
            }
        });
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync(created.ShopOrderId, default));
        return (error, created.ShopOrderId);
    }

    private static void AssertNames(ConnectorException error, string orderId, string field, string problem)
    {
        Assert.False(error.IsTransient);
        Assert.Equal("shopify", error.Platform);
        Assert.Equal(orderId, error.OrderId);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"shopify order {orderId}: field '{field}' {problem}", error.Message, StringComparison.Ordinal);
    }
}

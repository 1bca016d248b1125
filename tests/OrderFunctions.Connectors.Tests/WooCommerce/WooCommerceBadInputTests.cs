using System.Text.Json.Nodes;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.WooCommerce;

/// <summary>Malformed payloads from the shop: each is a clear, non-transient error naming platform, order and field.</summary>
public sealed class WooCommerceBadInputTests : WooCommerceShopFixture
{
    [Fact]
    public async Task MissingStatusIsNamed()
    {
        var error = await ReadCorrupted(order => order.Remove("status"));

        AssertNames(error, "status", "is missing");
    }

    [Fact]
    public async Task NullStatusIsNamed()
    {
        var error = await ReadCorrupted(order => order["status"] = null);

        AssertNames(error, "status", "is null");
    }

    [Fact]
    public async Task StatusThatIsNotASlugIsNamed()
    {
        var error = await ReadCorrupted(order => order["status"] = "Processing Now!");

        AssertNames(error, "status", "is not a WooCommerce status");
    }

    [Fact]
    public async Task StatusOfTheWrongTypeIsNamed()
    {
        var error = await ReadCorrupted(order => order["status"] = new JsonArray("processing"));

        AssertNames(error, "status", "should be a string but is an array");
    }

    [Fact]
    public async Task IdOfTheWrongTypeIsNamed()
    {
        var error = await ReadCorrupted(order => order["id"] = "one thousand");

        AssertNames(error, "id", "should be an integer but is a string");
    }

    [Fact]
    public async Task ModificationDateThatIsNotADateIsNamed()
    {
        var error = await ReadCorrupted(order => order["date_modified_gmt"] = 1752134400);

        AssertNames(error, "date_modified_gmt", "should be an ISO 8601 date-time");
    }

    [Fact]
    public async Task MissingModificationDateIsNamed()
    {
        var error = await ReadCorrupted(order => order.Remove("date_modified_gmt"));

        AssertNames(error, "date_modified_gmt", "is missing");
    }

    [Fact]
    public async Task TrackingItemsOfTheWrongTypeAreNamed()
    {
        var error = await ReadCorrupted(order => order["meta_data"]!.AsArray().Add(new JsonObject { ["id"] = 99, ["key"] = WooCommerceMeta.ShipmentTrackingItems, ["value"] = 42 }));

        AssertNames(error, "meta_data[3].value", "should be an array but is a number");
    }

    [Fact]
    public async Task TrackingNumberOfTheWrongTypeIsNamed()
    {
        var error = await ReadCorrupted(order => order["meta_data"]!.AsArray().Add(new JsonObject
        {
            ["id"] = 99,
            ["key"] = WooCommerceMeta.ShipmentTrackingItems,
            ["value"] = new JsonArray(new JsonObject { ["tracking_number"] = new JsonObject() }),
        }));

        AssertNames(error, "meta_data[3].value[0].tracking_number", "should be a string but is an object");
    }

    [Fact]
    public async Task MetaEntryWithoutKeyIsNamed()
    {
        var error = await ReadCorrupted(order => order["meta_data"]!.AsArray().Add(new JsonObject { ["id"] = 99, ["value"] = "x" }));

        AssertNames(error, "meta_data[3].key", "is missing");
    }

    [Fact]
    public async Task PageLargerThanAskedForIsRefused()
    {
        for (var i = 0; i < 120; i++)
        {
            Simulator.CreateOrderDirectly(new JsonObject { ["status"] = "processing" });
        }

        Simulator.IgnorePerPage = true;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.ListChangedOrdersAsync(DateTimeOffset.UnixEpoch, null, default));

        Assert.False(error.IsTransient);
        Assert.Contains("120 orders, more than the 100 asked for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadOrderInAPageNamesItsPositionAndId()
    {
        Simulator.CreateOrderDirectly(new JsonObject { ["status"] = "processing" });
        var bad = Simulator.CreateOrderDirectly(new JsonObject { ["status"] = "processing" });
        Simulator.EditRawOrder(bad, order => order["status"] = null);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.ListChangedOrdersAsync(DateTimeOffset.UnixEpoch, null, default));

        Assert.Equal($"woocommerce order {bad}: field '[1].status' is null.", error.Message);
        Assert.Equal(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), error.OrderId);
    }

    private async Task<ConnectorException> ReadCorrupted(Action<JsonObject> corrupt)
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);
        Simulator.EditRawOrder(int.Parse(created.ShopOrderId, System.Globalization.CultureInfo.InvariantCulture), corrupt);
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync(created.ShopOrderId, default));
        Assert.Equal(created.ShopOrderId, error.OrderId);
        return error;
    }

    private static void AssertNames(ConnectorException error, string field, string problem)
    {
        Assert.False(error.IsTransient);
        Assert.Equal("woocommerce", error.Platform);
        Assert.Equal(field, error.Field);
        Assert.StartsWith($"woocommerce order {error.OrderId}: field '{field}' {problem}", error.Message, StringComparison.Ordinal);
    }
}

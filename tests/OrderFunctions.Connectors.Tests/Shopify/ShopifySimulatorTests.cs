using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OrderFunctions.Sandbox.Shopify;

namespace OrderFunctions.Connectors.Tests.Shopify;

/// <summary>The simulator answers like Shopify where a connector could go wrong: validation errors for unknown fields
/// and bad variables, cost extensions and THROTTLED, auth, version fall-forward. (It must catch connector mistakes.)</summary>
public sealed class ShopifySimulatorTests : IAsyncLifetime
{
    private ShopifySimulator _simulator = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _simulator = await ShopifySimulator.StartAsync(new ShopifySimulatorOptions { BucketSize = 1000, RestoreRate = 1 });
        _simulator.AddVariant("SKU-1", "Blue mug", 12.99m, 10);
        _http = new HttpClient { BaseAddress = _simulator.BaseUri };
        _http.DefaultRequestHeaders.Add("X-Shopify-Access-Token", _simulator.Options.AccessToken);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task UnknownFieldIsAValidationErrorLikeShopifys()
    {
        var response = await PostAsync("2025-10", "{ productVariants(first: 1) { nodes { id colour } } }");

        Assert.Equal("Field 'colour' doesn't exist on type 'ProductVariant'", (string?)response["errors"]![0]!["message"]);
        Assert.Null(response["data"]);
    }

    [Fact]
    public async Task UnknownInputFieldInAVariableIsRejectedWithItsPath()
    {
        var response = await PostAsync("2025-10",
            "mutation($order: OrderCreateOrderInput!) { orderCreate(order: $order) { order { id } userErrors { field message } } }",
            new JsonObject { ["order"] = new JsonObject { ["lineItems"] = new JsonArray(new JsonObject { ["quantity"] = 1, ["varientId"] = "x" }) } });

        Assert.Equal("Variable $order of type OrderCreateOrderInput! was provided invalid value for lineItems.0.varientId (Field is not defined on OrderCreateLineItemInput)", (string?)response["errors"]![0]!["message"]);
        Assert.Equal(0, _simulator.OrdersCreated);
    }

    [Fact]
    public async Task StringWhereAnEnumIsExpectedIsRejected()
    {
        var response = await PostAsync("2025-10", """{ orders(first: 1, sortKey: "UPDATED_AT") { nodes { id } } }""");

        Assert.Contains("Expected type 'OrderSortKeys'", (string?)response["errors"]![0]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAnswerReportsItsCost()
    {
        var response = await PostAsync("2025-10", "{ productVariants(first: 10) { nodes { id sku } } }");

        var cost = response["extensions"]!["cost"]!;
        Assert.Equal(12, (int)cost["requestedQueryCost"]!); // 2 for the connection + 10 variants × 1
        Assert.True((int)cost["actualQueryCost"]! <= 12);
        Assert.Equal(1000.0, (double)cost["throttleStatus"]!["maximumAvailable"]!);
    }

    [Fact]
    public async Task EmptyBucketAnswersThrottledWithStatus200()
    {
        _simulator.DrainCostBucket();

        using var http = await _http.PostAsJsonAsync("admin/api/2025-10/graphql.json", new { query = "{ productVariants(first: 10) { nodes { id } } }" });
        var response = (await http.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, http.StatusCode);
        Assert.Equal("THROTTLED", (string?)response["errors"]![0]!["extensions"]!["code"]);
        Assert.Equal(1, _simulator.ThrottledResponses);
    }

    [Fact]
    public async Task QueryCostingMoreThan1000IsRefused()
    {
        var response = await PostAsync("2025-10", "{ orders(first: 250) { nodes { id fulfillments(first: 10) { trackingInfo(first: 10) { number } } } } }");

        Assert.Equal("MAX_COST_EXCEEDED", (string?)response["errors"]![0]!["extensions"]!["code"]);
    }

    [Fact]
    public async Task MissingTokenIs401()
    {
        using var anonymous = new HttpClient { BaseAddress = _simulator.BaseUri };

        using var response = await anonymous.PostAsJsonAsync("admin/api/2025-10/graphql.json", new { query = "{ job(id: \"gid://shopify/Job/1\") { id } }" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("2025-10", "2025-10")]
    [InlineData("2023-01", "2025-04")]
    [InlineData("unstable", "unstable")]
    public async Task AnswersNameTheVersionThatServedThem(string asked, string served)
    {
        using var response = await _http.PostAsJsonAsync($"admin/api/{asked}/graphql.json", new { query = "{ productVariants(first: 1) { nodes { id } } }" });

        Assert.Equal(served, response.Headers.GetValues("X-Shopify-API-Version").Single());
    }

    [Fact]
    public async Task SomethingThatIsNotAVersionIs404()
    {
        using var response = await _http.PostAsJsonAsync("admin/api/latest/graphql.json", new { query = "{ productVariants(first: 1) { nodes { id } } }" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<JsonObject> PostAsync(string version, string query, JsonObject? variables = null)
    {
        using var response = await _http.PostAsJsonAsync($"admin/api/{version}/graphql.json", new JsonObject { ["query"] = query, ["variables"] = variables });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}

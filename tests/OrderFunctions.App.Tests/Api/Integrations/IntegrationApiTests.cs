using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using OrderFunctions.App.Tests.Api.Support;

namespace OrderFunctions.App.Tests.Api.Integrations;

[Collection(ApiCollection.Name)]
public sealed class IntegrationApiTests(ApiHost host)
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task CreatingAnIntegrationAnswers201WithLocationETagAndTheDefaultStatusMap()
    {
        using var response = await Client.PostAsync("/api/integrations", ApiHost.Json(ApiHost.IntegrationJson("int-create")));

        var created = await ApiAnswers.ReadObjectAsync(response, HttpStatusCode.Created);
        Assert.Equal("/api/integrations/int-create", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("int-create", (string?)created["id"]);
        Assert.Equal(ApiHost.WooSecretName, (string?)created["shop"]!["secretName"]);
        Assert.Equal("1.00:00:00", (string?)created["settings"]!["pollInterval"]);

        using var map = await Client.GetAsync("/api/integrations/int-create/status-map");
        var view = await ApiAnswers.ReadObjectAsync(map);
        Assert.Equal(13, view["entries"]!.AsArray().Count);
        Assert.Contains(view["marketplaceStatuses"]!.AsArray(), s => (string?)s!["name"] == "UnSupplied");
    }

    [Fact]
    public async Task CreatingAnInvalidIntegrationNamesEveryBadField()
    {
        var body = ApiHost.IntegrationJson("Bad Id!");
        body["marketplace"]!["kind"] = "ebay";
        body["shop"]!["baseUrl"] = "not-a-url";
        body["settings"]!["notificationEmail"] = "nobody";
        body.Remove("displayName");

        using var response = await Client.PostAsync("/api/integrations", ApiHost.Json(body));

        var errors = await ApiAnswers.AssertValidationProblemAsync(response);
        Assert.Contains("id", errors.Select(e => e.Key));
        Assert.Contains("displayName", errors.Select(e => e.Key));
        Assert.Contains("marketplace.kind", errors.Select(e => e.Key));
        Assert.Contains("shop.baseUrl", errors.Select(e => e.Key));
        Assert.Contains("settings.notificationEmail", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonOfTheRightShapeIs400NamingTheField()
    {
        var body = ApiHost.IntegrationJson("int-badjson");
        body["settings"]!["pollInterval"] = 5;

        using var wrongType = await Client.PostAsync("/api/integrations", ApiHost.Json(body));
        using var notJson = await Client.PostAsync("/api/integrations", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        using var empty = await Client.PostAsync("/api/integrations", new StringContent("", System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("settings.pollInterval", (await ApiAnswers.AssertValidationProblemAsync(wrongType)).Select(e => e.Key));
        await ApiAnswers.AssertValidationProblemAsync(notJson);
        Assert.Contains("body", (await ApiAnswers.AssertValidationProblemAsync(empty)).Select(e => e.Key));
    }

    [Fact]
    public async Task NullsWhereRowsOrMapsBelongAreReadSafely()
    {
        var body = ApiHost.IntegrationJson("int-nulls");
        body["settings"]!["carrierMap"] = null;
        body["statusMap"] = new JsonObject { ["entries"] = new JsonArray(null, new JsonObject { ["marketplaceStatus"] = "Created", ["shopStatus"] = "processing", ["active"] = true, ["processInclusion"] = true }) };

        using var nullRow = await Client.PostAsync("/api/integrations", ApiHost.Json(body));
        body.Remove("statusMap");
        using var created = await Client.PostAsync("/api/integrations", ApiHost.Json(body));

        Assert.Contains("statusMap.entries[0]", (await ApiAnswers.AssertValidationProblemAsync(nullRow)).Select(e => e.Key));
        Assert.Empty((await ApiAnswers.ReadObjectAsync(created, HttpStatusCode.Created))["settings"]!["carrierMap"]!.AsObject());
    }

    [Fact]
    public async Task CreatingAnExistingIdIs409()
    {
        await host.CreateIntegrationAsync("int-twice");

        using var response = await Client.PostAsync("/api/integrations", ApiHost.Json(ApiHost.IntegrationJson("int-twice")));

        await ApiAnswers.AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ListingShowsEveryIntegrationWithItsETag()
    {
        await host.CreateIntegrationAsync("int-list-a");
        await host.CreateIntegrationAsync("int-list-b", shop: "shopify", marketplace: "bol");

        using var response = await Client.GetAsync("/api/integrations");

        var items = (await ApiAnswers.ReadObjectAsync(response))["items"]!.AsArray();
        var b = items.Single(i => (string?)i!["id"] == "int-list-b")!;
        Assert.Equal("bol", (string?)b["marketplace"]);
        Assert.Equal("shopify", (string?)b["shop"]);
        Assert.False(string.IsNullOrEmpty((string?)b["etag"]));
        Assert.Contains(items, i => (string?)i!["id"] == "int-list-a");
    }

    [Fact]
    public async Task UnknownIntegrationIs404ProblemOnEveryRead()
    {
        foreach (var path in new[] { "/api/integrations/int-none", "/api/integrations/int-none/settings", "/api/integrations/int-none/status-map", "/api/integrations/int-none/orders", "/api/integrations/int-none/order-counts" })
        {
            using var response = await Client.GetAsync(path);
            await ApiAnswers.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task UpdatingWithTheCurrentETagSucceedsAndWithAnOldOneIs412()
    {
        await host.CreateIntegrationAsync("int-update");
        using var read = await Client.GetAsync("/api/integrations/int-update");
        var integration = await ApiAnswers.ReadObjectAsync(read);
        var etag = read.Headers.ETag!;

        integration["displayName"] = "Renamed";
        using var first = await SendAsync(HttpMethod.Put, "/api/integrations/int-update", integration, etag);
        integration["displayName"] = "Renamed again by someone who read it earlier";
        using var second = await SendAsync(HttpMethod.Put, "/api/integrations/int-update", integration, etag);

        Assert.Equal("Renamed", (string?)(await ApiAnswers.ReadObjectAsync(first))["displayName"]);
        Assert.NotEqual(etag, first.Headers.ETag);
        await ApiAnswers.AssertProblemAsync(second, HttpStatusCode.PreconditionFailed);
        using var after = await Client.GetAsync("/api/integrations/int-update");
        Assert.Equal("Renamed", (string?)(await ApiAnswers.ReadObjectAsync(after))["displayName"]);
    }

    [Fact]
    public async Task UpdatingWithoutIfMatchIs428AndChangingTheMarketplaceIs400()
    {
        await host.CreateIntegrationAsync("int-guard");
        using var read = await Client.GetAsync("/api/integrations/int-guard");
        var integration = await ApiAnswers.ReadObjectAsync(read);

        using var withoutIfMatch = await SendAsync(HttpMethod.Put, "/api/integrations/int-guard", integration, null);
        integration["marketplace"]!["kind"] = "bol";
        using var otherMarketplace = await SendAsync(HttpMethod.Put, "/api/integrations/int-guard", integration, read.Headers.ETag);
        integration["marketplace"]!["kind"] = "trendyol";
        integration["id"] = "int-other";
        using var otherId = await SendAsync(HttpMethod.Put, "/api/integrations/int-guard", integration, read.Headers.ETag);

        await ApiAnswers.AssertProblemAsync(withoutIfMatch, (HttpStatusCode)428);
        Assert.Contains("marketplace.kind", (await ApiAnswers.AssertValidationProblemAsync(otherMarketplace)).Select(e => e.Key));
        Assert.Contains("id", (await ApiAnswers.AssertValidationProblemAsync(otherId)).Select(e => e.Key));
    }

    [Fact]
    public async Task SettingsAreReadAndReplacedOnTheirOwnUnderTheSameETag()
    {
        await host.CreateIntegrationAsync("int-settings");
        using var read = await Client.GetAsync("/api/integrations/int-settings/settings");
        var settings = await ApiAnswers.ReadObjectAsync(read);
        Assert.True((bool)settings["autoTransfer"]!);

        settings["autoTransfer"] = false;
        settings["stockMode"] = "ReserveOnReceipt";
        using var update = await SendAsync(HttpMethod.Put, "/api/integrations/int-settings/settings", settings, read.Headers.ETag);
        settings["stockMode"] = "Sometimes";
        using var invalid = await SendAsync(HttpMethod.Put, "/api/integrations/int-settings/settings", settings, update.Headers.ETag);
        using var stale = await SendAsync(HttpMethod.Put, "/api/integrations/int-settings/settings", settings, read.Headers.ETag);

        var updated = await ApiAnswers.ReadObjectAsync(update);
        Assert.False((bool)updated["autoTransfer"]!);
        Assert.Equal("ReserveOnReceipt", (string?)updated["stockMode"]);
        Assert.Contains("stockMode", (await ApiAnswers.AssertValidationProblemAsync(invalid)).Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
    }

    [Fact]
    public async Task TheStatusMapIsReplacedWholeWithCustomShopStatusesAndMarketplaceStatusesChecked()
    {
        await host.CreateIntegrationAsync("int-map");
        using var read = await Client.GetAsync("/api/integrations/int-map/status-map");
        var map = new JsonObject
        {
            ["entries"] = new JsonArray(
                new JsonObject { ["marketplaceStatus"] = "Created", ["shopStatus"] = "wc-awaiting-pick", ["active"] = true, ["processInclusion"] = true },
                new JsonObject { ["marketplaceStatus"] = "Cancelled", ["shopStatus"] = "cancelled", ["active"] = true, ["processInclusion"] = false }),
            ["reverse"] = new JsonArray(new JsonObject { ["shopStatus"] = "completed", ["action"] = "Ship", ["active"] = true }),
        };

        using var replaced = await SendAsync(HttpMethod.Put, "/api/integrations/int-map/status-map", map, read.Headers.ETag);
        var view = await ApiAnswers.ReadObjectAsync(replaced);
        Assert.Equal(["Created", "Cancelled"], view["entries"]!.AsArray().Select(e => (string?)e!["marketplaceStatus"]));
        Assert.Equal("wc-awaiting-pick", (string?)view["entries"]![0]!["shopStatus"]);

        map["entries"]!.AsArray().Add(new JsonObject { ["marketplaceStatus"] = "Teleported", ["shopStatus"] = "x", ["active"] = true, ["processInclusion"] = false });
        using var invalid = await SendAsync(HttpMethod.Put, "/api/integrations/int-map/status-map", map, replaced.Headers.ETag);
        using var stale = await SendAsync(HttpMethod.Put, "/api/integrations/int-map/status-map", map, read.Headers.ETag);

        Assert.Contains("statusMap.entries[2].marketplaceStatus", (await ApiAnswers.AssertValidationProblemAsync(invalid)).Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        using var after = await Client.GetAsync("/api/integrations/int-map/status-map");
        Assert.Equal(2, (await ApiAnswers.ReadObjectAsync(after))["entries"]!.AsArray().Count);
    }

    [Fact]
    public async Task AStatusMapEditOverAChangedIntegrationIs412()
    {
        await host.CreateIntegrationAsync("int-map-race");
        using var read = await Client.GetAsync("/api/integrations/int-map-race/status-map");
        var map = await ApiAnswers.ReadObjectAsync(read);
        using var settings = await Client.GetAsync("/api/integrations/int-map-race/settings");
        using var settingsChanged = await SendAsync(HttpMethod.Put, "/api/integrations/int-map-race/settings", await ApiAnswers.ReadObjectAsync(settings), settings.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, settingsChanged.StatusCode);

        using var response = await SendAsync(HttpMethod.Put, "/api/integrations/int-map-race/status-map", map, read.Headers.ETag);

        await ApiAnswers.AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task MarketplacesListTheirFixedStatuses()
    {
        using var response = await Client.GetAsync("/api/marketplaces");

        var items = (await ApiAnswers.ReadObjectAsync(response))["items"]!.AsArray();
        Assert.Equal(["trendyol", "bol"], items.Select(i => (string?)i!["kind"]));
        Assert.Contains(items[1]!["statuses"]!.AsArray(), s => (string?)s!["name"] == "CANCELLATION_REQUESTED");
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonNode body, EntityTagHeaderValue? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = ApiHost.Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return Client.SendAsync(request);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using OrderFunctions.App.Tests.Api.Support;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;

namespace OrderFunctions.App.Tests.Api.Orders;

[Collection(ApiCollection.Name)]
public sealed class OrderQueryApiTests(ApiHost host)
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task OrdersOfOneStatePageThroughWithAContinuationToken()
    {
        await host.CreateIntegrationAsync("ord-pages");
        for (var i = 1; i <= 5; i++)
        {
            await InsertAsync("ord-pages", $"F{i}", OrderStatus.Failed);
        }

        await InsertAsync("ord-pages", "H1", OrderStatus.Held);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}";
            using var response = await Client.GetAsync($"/api/integrations/ord-pages/orders?state=failed&pageSize=2{query}");
            var page = await ApiAnswers.ReadObjectAsync(response);
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 2);
            Assert.All(items, i => Assert.Equal("Failed", (string?)i!["status"]));
            seen.AddRange(items.Select(i => (string)i!["marketplaceOrderId"]!));
            token = (string?)page["continuationToken"];
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(["F1", "F2", "F3", "F4", "F5"], seen.Order());
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task WithoutAStateEveryOrderIsListed()
    {
        await host.CreateIntegrationAsync("ord-all");
        await InsertAsync("ord-all", "A1", OrderStatus.Transferred);
        await InsertAsync("ord-all", "A2", OrderStatus.Closed);

        using var response = await Client.GetAsync("/api/integrations/ord-all/orders");

        var items = (await ApiAnswers.ReadObjectAsync(response))["items"]!.AsArray();
        Assert.Equal(["A1", "A2"], items.Select(i => (string)i!["marketplaceOrderId"]!).Order());
    }

    [Fact]
    public async Task BadStatePageSizeOrTokenIs400NamingTheParameter()
    {
        await host.CreateIntegrationAsync("ord-bad-query");

        using var state = await Client.GetAsync("/api/integrations/ord-bad-query/orders?state=lost");
        using var numericState = await Client.GetAsync("/api/integrations/ord-bad-query/orders?state=3");
        using var size = await Client.GetAsync("/api/integrations/ord-bad-query/orders?pageSize=5000");
        using var token = await Client.GetAsync("/api/integrations/ord-bad-query/orders?continuationToken=%%%");

        Assert.Contains("state", (await ApiAnswers.AssertValidationProblemAsync(state)).Select(e => e.Key));
        Assert.Contains("state", (await ApiAnswers.AssertValidationProblemAsync(numericState)).Select(e => e.Key));
        Assert.Contains("pageSize", (await ApiAnswers.AssertValidationProblemAsync(size)).Select(e => e.Key));
        Assert.Contains("continuationToken", (await ApiAnswers.AssertValidationProblemAsync(token)).Select(e => e.Key));
    }

    [Fact]
    public async Task CountsPerStateCoverEveryState()
    {
        await host.CreateIntegrationAsync("ord-counts");
        await InsertAsync("ord-counts", "C1", OrderStatus.Failed);
        await InsertAsync("ord-counts", "C2", OrderStatus.Failed);
        await InsertAsync("ord-counts", "C3", OrderStatus.Closed);

        using var response = await Client.GetAsync("/api/integrations/ord-counts/order-counts");

        var counts = await ApiAnswers.ReadObjectAsync(response);
        Assert.Equal(3, (int)counts["total"]!);
        Assert.Equal(2, (int)counts["byStatus"]!["Failed"]!);
        Assert.Equal(1, (int)counts["byStatus"]!["Closed"]!);
        Assert.Equal(0, (int)counts["byStatus"]!["Held"]!);
        Assert.Equal(Enum.GetNames<OrderStatus>().Length, counts["byStatus"]!.AsObject().Count);
    }

    [Fact]
    public async Task OneOrderComesWithItsFullHistory()
    {
        await host.CreateIntegrationAsync("ord-one");
        await InsertAsync("ord-one", "O1", OrderStatus.Received);

        using var response = await Client.GetAsync("/api/integrations/ord-one/orders/O1");
        using var missing = await Client.GetAsync("/api/integrations/ord-one/orders/O404");

        var details = await ApiAnswers.ReadObjectAsync(response);
        Assert.Equal("ord-one:O1", (string?)details["order"]!["key"]);
        Assert.Equal("O1", (string?)details["marketplaceOrder"]!["orderId"]);
        var history = details["history"]!.AsArray();
        Assert.Equal("order-received", (string?)Assert.Single(history)!["event"]);
        await ApiAnswers.AssertProblemAsync(missing, HttpStatusCode.NotFound);
    }

    private async Task InsertAsync(string integrationId, string orderId, OrderStatus status)
    {
        var now = DateTimeOffset.UtcNow;
        var state = OrderState.Receive(OrderKey.Create(integrationId, orderId), "trendyol", Samples.MarketplaceOrder(orderId, changedAt: now), now) with
        {
            Status = status,
            FailureReason = status == OrderStatus.Failed ? "shop: test failure" : null,
        };
        var inserted = await host.Orders.TryInsertAsync(state, new OrderHistoryEntry(now, "order-received", "-", state.Describe(), "inserted by the test", null), null, null, CancellationToken.None);
        Assert.NotNull(inserted);
    }
}

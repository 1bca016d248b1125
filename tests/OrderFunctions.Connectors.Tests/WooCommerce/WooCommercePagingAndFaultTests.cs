using System.Net;
using System.Text.Json.Nodes;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Connectors.WooCommerce;
using OrderFunctions.Sandbox.WooCommerce;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.WooCommerce;

public sealed class WooCommercePagingAndFaultTests : WooCommerceShopFixture
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 7, 10, 8, 0, 0, TimeSpan.Zero));

    protected override WooCommerceSimulatorOptions SimulatorOptions => new() { TimeProvider = _clock };

    [Fact]
    public async Task ChangedOrdersArePagedThroughEveryOrderOnce()
    {
        for (var i = 0; i < 230; i++)
        {
            Simulator.CreateOrderDirectly(new JsonObject { ["status"] = "processing" });
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<string>();
        var tokens = new List<string?>();
        string? token = null;
        do
        {
            var page = await Shop.ListChangedOrdersAsync(_clock.GetUtcNow().AddHours(-1), token, default);
            seen.AddRange(page.Orders.Select(o => o.ShopOrderId));
            token = page.NextPageToken;
            tokens.Add(token);
        }
        while (token is not null);

        Assert.Equal(230, seen.Distinct().Count());
        Assert.Equal(["2", "3", null], tokens);
    }

    [Fact]
    public async Task OnlyOrdersModifiedAtOrAfterSinceAreListed()
    {
        var old = Simulator.CreateOrderDirectly(new JsonObject { ["status"] = "processing" });
        _clock.Advance(TimeSpan.FromMinutes(10));
        var since = _clock.GetUtcNow();
        var fresh = Simulator.CreateOrderDirectly(new JsonObject { ["status"] = "processing" });
        _clock.Advance(TimeSpan.FromMinutes(1));
        Simulator.SetStatus(old, "completed");

        var page = await Shop.ListChangedOrdersAsync(since, null, default);

        Assert.Equal([fresh.ToString(System.Globalization.CultureInfo.InvariantCulture), old.ToString(System.Globalization.CultureInfo.InvariantCulture)], page.Orders.Select(o => o.ShopOrderId));
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task ServerErrorsAreRetried()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);
        Simulator.Faults.FailNext(2, HttpStatusCode.InternalServerError);

        var order = await Shop.GetOrderAsync(created.ShopOrderId, default);

        Assert.Equal(created.ShopOrderId, order?.ShopOrderId);
    }

    [Fact]
    public async Task ThrottlingIsRetriedAfterRetryAfter()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);
        Simulator.Faults.ThrottleNext(1, TimeSpan.Zero);

        var order = await Shop.GetOrderAsync(created.ShopOrderId, default);

        Assert.Equal(created.ShopOrderId, order?.ShopOrderId);
    }

    [Fact]
    public async Task ServerErrorsThatOutlastTheRetriesAreTransient()
    {
        Simulator.Faults.FailNext(10, HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync("1001", default));

        Assert.True(error.IsTransient);
        Assert.Equal(503, error.HttpStatus);
        Assert.Equal("1001", error.OrderId);
    }

    [Fact]
    public async Task ShopTooSlowToAnswerIsATransientTimeout()
    {
        var options = FastOptions();
        options.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxRetries = 1;
        var shop = WooCommerceShop.Create(Account(), CredentialsJson(), options);
        Simulator.Faults.Latency = TimeSpan.FromSeconds(5);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => shop.GetOrderAsync("1001", default));

        Assert.True(error.IsTransient);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableShopIsTransient()
    {
        await Simulator.DisposeAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync("1001", default));

        Assert.True(error.IsTransient);
        Assert.Contains("could not be completed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlErrorPageFromAProxyIsRetriedThenNamed()
    {
        Simulator.Faults.HtmlErrorPageNext(10);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync("1001", default));

        Assert.True(error.IsTransient);
        Assert.Contains("HTML", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("<html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlPageWithStatus200IsNotTakenForAnOrder()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1"), default);
        Simulator.Faults.HtmlErrorPageNext(1, HttpStatusCode.OK);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync(created.ShopOrderId, default));

        Assert.Contains("instead of JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(created.ShopOrderId, error.OrderId);
    }
}

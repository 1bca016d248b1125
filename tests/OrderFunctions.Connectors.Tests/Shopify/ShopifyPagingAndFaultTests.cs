using System.Net;
using OrderFunctions.Connectors.Tests.Shops;
using OrderFunctions.Sandbox.Shopify;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Shopify;

public sealed class ShopifyPagingAndFaultTests : ShopifyShopFixture
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 7, 10, 8, 0, 0, TimeSpan.Zero));

    protected override ShopifySimulatorOptions SimulatorOptions => new() { TimeProvider = _clock };

    [Fact]
    public async Task ChangedOrdersArePagedThroughEveryOrderOnce()
    {
        for (var i = 0; i < 60; i++)
        {
            Simulator.CreateOrderDirectly("SKU-1");
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await Shop.ListChangedOrdersAsync(_clock.GetUtcNow().AddHours(-1), token, default);
            seen.AddRange(page.Orders.Select(o => o.ShopOrderId));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(60, seen.Distinct().Count());
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task OnlyOrdersUpdatedAtOrAfterSinceAreListedOldestChangeFirst()
    {
        var old = Simulator.CreateOrderDirectly("SKU-1");
        _clock.Advance(TimeSpan.FromMinutes(10));
        var since = _clock.GetUtcNow();
        var fresh = Simulator.CreateOrderDirectly("SKU-1");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Simulator.Close(old);

        var page = await Shop.ListChangedOrdersAsync(since, null, default);

        Assert.Equal([fresh, old], page.Orders.Select(o => o.ShopOrderId));
        Assert.Null(page.NextPageToken);
    }

    [Fact]
    public async Task ServerErrorsAreRetried()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);
        Simulator.Faults.FailNext(2, HttpStatusCode.ServiceUnavailable);

        Assert.Equal(created.ShopOrderId, (await Shop.GetOrderAsync(created.ShopOrderId, default))?.ShopOrderId);
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedAfterRetryAfter()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);
        Simulator.Faults.ThrottleNext(1, TimeSpan.Zero);

        Assert.Equal(created.ShopOrderId, (await Shop.GetOrderAsync(created.ShopOrderId, default))?.ShopOrderId);
    }

    [Fact]
    public async Task ServerErrorsThatOutlastTheRetriesAreTransient()
    {
        Simulator.Faults.FailNext(10, HttpStatusCode.BadGateway);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetOrderAsync("gid://shopify/Order/1", default));

        Assert.True(error.IsTransient);
        Assert.False(error.IsThrottled);
        Assert.Equal(502, error.HttpStatus);
        Assert.Equal("gid://shopify/Order/1", error.OrderId);
    }

    [Fact]
    public async Task HtmlPageInsteadOfJsonIsNamed()
    {
        Simulator.Faults.HtmlErrorPageNext(1, HttpStatusCode.OK);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetStockAsync(["SKU-1"], default));

        Assert.Contains("instead of JSON", error.Message, StringComparison.Ordinal);
    }
}

public sealed class ShopifyThrottlingTests : ShopifyShopFixture
{
    // Simulator and connector share one clock: the bucket refills only while the connector waits.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 7, 10, 8, 0, 0, TimeSpan.Zero));

    protected override ShopifySimulatorOptions SimulatorOptions => new() { TimeProvider = _clock };

    protected override TimeProvider ConnectorTime => _clock;

    [Fact]
    public async Task ThrottledOperationIsWaitedOutAndSentAgain()
    {
        var created = await Shop.CreateOrderAsync(ShopOrderDrafts.For("1", status: "open"), default);
        Simulator.DrainCostBucket();

        var order = await Shop.GetOrderAsync(created.ShopOrderId, default);

        Assert.Equal(created.ShopOrderId, order?.ShopOrderId);
        Assert.Equal(1, Simulator.ThrottledResponses);
    }

    [Fact]
    public async Task CreateWhileThrottledDoesNotDuplicate()
    {
        var draft = ShopOrderDrafts.For("1", status: "open");
        await Shop.GetStockAsync(["SKU-1"], default);
        Simulator.DrainCostBucket();

        var created = await Shop.CreateOrderAsync(draft, default);

        Assert.Equal(draft.OrderKey, created.OrderKey);
        Assert.NotEqual(0, Simulator.ThrottledResponses);
        Assert.Equal(1, Simulator.OrdersCreated);
    }
}

public sealed class ShopifyThrottleLimitTests : ShopifyShopFixture
{
    protected override ShopifySimulatorOptions SimulatorOptions => new() { RestoreRate = 1, BucketSize = 2000 };

    [Fact]
    public async Task ThrottleLongerThanTheWaitLimitIsTransientWithRetryAfter()
    {
        Simulator.DrainCostBucket();

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.GetStockAsync(["SKU-1"], default));

        Assert.True(error.IsTransient);
        Assert.True(error.IsThrottled);
        Assert.True(error.RetryAfter > TimeSpan.FromSeconds(30));
        Assert.Contains("throttled", error.Message, StringComparison.Ordinal);
    }
}

public sealed class ShopifySmallBucketTests : ShopifyShopFixture
{
    protected override ShopifySimulatorOptions SimulatorOptions => new() { BucketSize = 100 };

    [Fact]
    public async Task OperationCostingMoreThanTheBucketIsNotTransient()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.ListChangedOrdersAsync(DateTimeOffset.UnixEpoch, null, default));

        Assert.False(error.IsTransient);
        Assert.Equal("extensions.cost.requestedQueryCost", error.Field);
    }
}

public sealed class ShopifySearchLagTests : ShopifyShopFixture
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 7, 10, 8, 0, 0, TimeSpan.Zero));

    protected override ShopifySimulatorOptions SimulatorOptions => new() { TimeProvider = _clock, SearchIndexDelay = TimeSpan.FromSeconds(20) };

    protected override TimeProvider ConnectorTime => _clock;

    [Theory]
    [InlineData(null)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task LostCreateNotYetSearchableIsWaitedForSoAnImmediateRetryDoesNotCreateASecondOrder(HttpStatusCode? answer)
    {
        var draft = ShopOrderDrafts.For("80869231", status: "open");
        Simulator.LoseNextCreateResponses(1, answer);

        var created = await Shop.CreateOrderAsync(draft, default);
        var again = await Shop.CreateOrderAsync(draft, default);

        Assert.Equal(draft.OrderKey, created.OrderKey);
        Assert.Equal(created.ShopOrderId, again.ShopOrderId);
        Assert.Equal(1, Simulator.OrdersCreated);
        Assert.Equal(1, Simulator.CountOrders(draft.OrderKey));
    }

    [Fact]
    public async Task CreateRetriedBeforeTheSearchIndexHasTheOrderReturnsTheFirstOne()
    {
        // The create succeeded, but the workflow could not record it and retries the step at once.
        var draft = ShopOrderDrafts.For("80869231", status: "open");

        var created = await Shop.CreateOrderAsync(draft, default);
        var found = await Shop.FindByOrderKeyAsync(draft.OrderKey, default);
        var again = await Shop.CreateOrderAsync(draft, default);

        Assert.Equal(created.ShopOrderId, found?.ShopOrderId);
        Assert.Equal(created.ShopOrderId, again.ShopOrderId);
        Assert.Equal(1, Simulator.OrdersCreated);
    }

    [Fact]
    public async Task OrderFoundBeforeTheSearchIndexHasItIsReadFreshFromTheShop()
    {
        var draft = ShopOrderDrafts.For("80869231", status: "open");
        var created = await Shop.CreateOrderAsync(draft, default);

        Simulator.Cancel(created.ShopOrderId);
        var found = await Shop.FindByOrderKeyAsync(draft.OrderKey, default);

        Assert.Equal("cancelled", found?.Status);
    }

    [Fact]
    public async Task CreateThatFailedBeforeTheShopStoredItIsTransientNotRetriedAndALaterCallCreatesOnce()
    {
        var draft = ShopOrderDrafts.For("80869231", status: "open");
        Simulator.RejectNextCreates(1, HttpStatusCode.InternalServerError);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.CreateOrderAsync(draft, default));
        var created = await Shop.CreateOrderAsync(draft, default);

        Assert.True(error.IsTransient);
        Assert.Equal(500, error.HttpStatus);
        Assert.NotNull(error.RetryAfter);
        Assert.Equal(draft.OrderKey, created.OrderKey);
        Assert.Equal(1, Simulator.OrdersCreated);
    }
}

public sealed class ShopifySlowSearchIndexTests : ShopifyShopFixture
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 7, 10, 8, 0, 0, TimeSpan.Zero));

    protected override ShopifySimulatorOptions SimulatorOptions => new() { TimeProvider = _clock, SearchIndexDelay = TimeSpan.FromMinutes(5) };

    protected override TimeProvider ConnectorTime => _clock;

    [Fact]
    public async Task LostCreateStillNotSearchableIsTransientWithARetryAfterAndTheLaterRetryFindsIt()
    {
        var draft = ShopOrderDrafts.For("80869231", status: "open");
        Simulator.LoseNextCreateResponses(1);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Shop.CreateOrderAsync(draft, default));
        _clock.Advance(error.RetryAfter ?? TimeSpan.Zero);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var created = await Shop.CreateOrderAsync(draft, default);

        Assert.True(error.IsTransient);
        Assert.True(error.RetryAfter >= TimeSpan.FromMinutes(1), $"RetryAfter {error.RetryAfter}");
        Assert.Equal(draft.OrderKey, created.OrderKey);
        Assert.Equal(1, Simulator.OrdersCreated);
    }
}

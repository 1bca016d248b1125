using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Polling;

/// <summary>The shop poll sees every change the workflow acts on, even one that leaves the shop's modified time as it
/// was (Shopify's <c>updatedAt</c> has whole seconds: an order fulfilled within the second the hub created it).</summary>
public sealed class ShopChangeDetectionTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AShopCompletionInTheSameSecondAsTheCreationIsSeenByTheNextPoll()
    {
        var harness = await WorkflowHarness.StartAsync(azurite, output, wrapShop: shop => new SameSecondShop(shop));
        await harness.AddIntegrationAsync();
        harness.Marketplace.Place(Samples.MarketplaceOrder("1001"));
        await harness.PollUntilAsync(async () => (await harness.OrderAsync("1001"))?.Status == OrderStatus.Transferred, sweep: false);

        harness.Shop.Complete(harness.Key("1001").Value, "3SABC123");
        await harness.QueuePollAsync();
        await harness.RunUntilAsync(() => Task.FromResult(true), sweep: false);

        Assert.Equal(OrderStatus.Closed, (await harness.OrderAsync("1001"))?.Status);
        Assert.Single(harness.Marketplace.Shipments);
    }

    /// <summary>Reports every order's modified time as it was when the hub first saw the order: every later change falls
    /// in the same (whole) second.</summary>
    private sealed class SameSecondShop(IShop inner) : IShop
    {
        private readonly Dictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public async Task<ShopOrder> CreateOrderAsync(ShopOrderDraft draft, CancellationToken cancellationToken) =>
            Freeze(await inner.CreateOrderAsync(draft, cancellationToken));

        public async Task<ShopOrder?> FindByOrderKeyAsync(string orderKey, CancellationToken cancellationToken) =>
            await inner.FindByOrderKeyAsync(orderKey, cancellationToken) is { } order ? Freeze(order) : null;

        public async Task<ShopOrder?> GetOrderAsync(string shopOrderId, CancellationToken cancellationToken) =>
            await inner.GetOrderAsync(shopOrderId, cancellationToken) is { } order ? Freeze(order) : null;

        public async Task<ShopOrderPage> ListChangedOrdersAsync(DateTimeOffset since, string? pageToken, CancellationToken cancellationToken)
        {
            var page = await inner.ListChangedOrdersAsync(since, pageToken, cancellationToken);
            return page with { Orders = [.. page.Orders.Select(Freeze)] };
        }

        public Task UpdateStatusAsync(string shopOrderId, string status, CancellationToken cancellationToken) =>
            inner.UpdateStatusAsync(shopOrderId, status, cancellationToken);

        public Task CancelOrderAsync(string shopOrderId, string reason, bool restock, CancellationToken cancellationToken) =>
            inner.CancelOrderAsync(shopOrderId, reason, restock, cancellationToken);

        public Task<IReadOnlyList<StockLevel>> GetStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken) =>
            inner.GetStockAsync(skus, cancellationToken);

        private ShopOrder Freeze(ShopOrder order)
        {
            lock (_gate)
            {
                if (!_firstSeen.TryGetValue(order.ShopOrderId, out var first))
                {
                    _firstSeen[order.ShopOrderId] = first = order.ModifiedAt;
                }

                return order with { ModifiedAt = first };
            }
        }
    }
}

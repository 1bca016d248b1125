using System.Net.Http.Json;
using System.Text.Json;
using OrderFunctions.App.Demo;
using OrderFunctions.App.Tests.Demo;
using OrderFunctions.Sandbox.Common;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Sandbox.Trendyol;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Tests.EndToEnd;

/// <summary>What a marketplace simulator holds for one order: the shipments the hub pushed (their tracking codes, null
/// for a shipment sent without one), the cancellations the hub sent, and whether every line is cancelled there.</summary>
internal sealed record MarketplaceRecord(IReadOnlyList<string?> Shipments, int Cancellations, bool FullyShipped, bool AllLinesCancelled);

/// <summary>
/// One demo integration seen from outside the hub, through the sandbox: place and cancel orders on its marketplace (the
/// sandbox's order service), act as the merchant in its shop (the control API, as the demo does), and read both
/// simulators' own records. The tests run as a theory over <see cref="Names"/>.
/// </summary>
internal abstract class DemoPair(DemoRun run, HttpClient control)
{
    public const string TrendyolToWooCommerce = "trendyol-woocommerce";
    public const string BolToShopify = "bol-shopify";

    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> Names => new() { TrendyolToWooCommerce, BolToShopify };

    public abstract string IntegrationId { get; }

    /// <summary>The status a new order has on the marketplace (the one that creates it in the shop).</summary>
    public abstract string NewOrderStatus { get; }

    /// <summary>The shop's status (as the control API lists it) of an order the merchant completed.</summary>
    public abstract string ShopCompletedStatus { get; }

    /// <summary>Whether the marketplace records a shipment the hub sends without a tracking code (bol does; on Trendyol
    /// only the package statuses move, docs/connectors/trendyol.md).</summary>
    public abstract bool RecordsShipmentWithoutTracking { get; }

    public abstract FaultInjector ShopFaults { get; }

    protected DemoRun Run { get; } = run;

    protected abstract string ShopRoute { get; }

    public static DemoPair For(string name, DemoRun run, HttpClient control) => name switch
    {
        TrendyolToWooCommerce => new TrendyolWooCommercePair(run, control),
        BolToShopify => new BolShopifyPair(run, control),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a demo pair"),
    };

    /// <summary>A new random order on the marketplace; returns its id there (the hub's marketplace order id).</summary>
    public abstract string PlaceOrder();

    /// <summary>The customer or the marketplace cancels the whole order.</summary>
    public abstract void CancelOnMarketplace(string orderId);

    public abstract MarketplaceRecord Marketplace(string orderId);

    /// <summary>The shop orders holding the hub's key of <paramref name="orderId"/> (one, when the hub did its job).</summary>
    public async Task<IReadOnlyList<SandboxShopOrder>> ShopOrdersAsync(string orderId)
    {
        var key = OrderKey.Create(IntegrationId, orderId).Value;
        var listed = await control.GetFromJsonAsync<ShopOrderList>(new Uri($"{ShopRoute}/orders", UriKind.Relative), ControlJson);
        return [.. listed!.Orders.Where(o => o.OrderKey == key)];
    }

    public async Task<SandboxShopOrder> ShopOrderAsync(string orderId) => Assert.Single(await ShopOrdersAsync(orderId));

    /// <summary>The merchant completes the order, with a tracking code the sandbox makes up for the marketplace, or without one.</summary>
    public Task<SandboxShopOrder> CompleteInShopAsync(string orderId, bool withTracking) =>
        ShopActionAsync(orderId, "complete", withTracking ? new { withTracking = true } : new object());

    /// <summary>The merchant adds a tracking code to a completed order.</summary>
    public Task<SandboxShopOrder> AddTrackingInShopAsync(string orderId) => ShopActionAsync(orderId, "tracking", new object());

    public Task<SandboxShopOrder> CancelInShopAsync(string orderId) => ShopActionAsync(orderId, "cancel", null);

    private async Task<SandboxShopOrder> ShopActionAsync(string orderId, string action, object? body)
    {
        var order = await ShopOrderAsync(orderId);
        var uri = new Uri($"{ShopRoute}/orders/{order.Ref}/{action}", UriKind.Relative);
        using var response = body is null ? await control.PostAsync(uri, content: null) : await control.PostAsJsonAsync(uri, body, ControlJson);
        Assert.True(response.IsSuccessStatusCode, $"{ShopRoute} {action} of {order.Ref}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<SandboxShopOrder>(ControlJson))!;
    }

    private sealed record ShopOrderList(IReadOnlyList<SandboxShopOrder> Orders);

    private sealed class TrendyolWooCommercePair(DemoRun run, HttpClient control) : DemoPair(run, control)
    {
        private static readonly HashSet<string> CancelledStatuses = new(StringComparer.Ordinal) { TrendyolStatuses.Cancelled, TrendyolStatuses.UnSupplied };

        public override string IntegrationId => DemoIntegrations.TrendyolToWooCommerceId;

        public override string NewOrderStatus => TrendyolStatuses.Created;

        public override string ShopCompletedStatus => "completed";

        public override bool RecordsShipmentWithoutTracking => false;

        public override FaultInjector ShopFaults => Run.Sandbox.WooCommerce.Faults;

        protected override string ShopRoute => "woocommerce";

        public override string PlaceOrder() => Run.Sandbox.Orders.AddTrendyolOrders(1).Single().OrderNumber;

        public override void CancelOnMarketplace(string orderId) => Run.Sandbox.Orders.CancelTrendyolOrder(orderId);

        public override MarketplaceRecord Marketplace(string orderId)
        {
            var state = Run.Sandbox.Trendyol.State;
            var packages = state.PackagesOf(orderId);
            var ids = packages.Select(p => p.Id).ToHashSet();
            return new MarketplaceRecord(
                [.. state.TrackingUpdates.Where(u => ids.Contains(u.PackageId)).Select(u => (string?)u.CargoSenderNumber)],
                state.Unsupplied.Count(u => ids.Contains(u.PackageId)),
                // The seller never sets Shipped (the carrier's first scan does): every package as far as the seller takes it.
                packages.All(p => p.Status is TrendyolStatuses.Picking or TrendyolStatuses.Invoiced),
                packages.All(p => CancelledStatuses.Contains(p.Status)));
        }
    }

    private sealed class BolShopifyPair(DemoRun run, HttpClient control) : DemoPair(run, control)
    {
        public override string IntegrationId => DemoIntegrations.BolToShopifyId;

        public override string NewOrderStatus => "OPEN";

        public override string ShopCompletedStatus => "fulfilled";

        public override bool RecordsShipmentWithoutTracking => true;

        public override FaultInjector ShopFaults => Run.Sandbox.Shopify.Faults;

        protected override string ShopRoute => "shopify";

        public override string PlaceOrder() => Run.Sandbox.Orders.AddBolOrders(1).Single().OrderId;

        public override void CancelOnMarketplace(string orderId) => Run.Sandbox.Orders.CancelBolOrder(orderId, requestOnly: false);

        public override MarketplaceRecord Marketplace(string orderId)
        {
            var state = Run.Sandbox.Bol.State;
            var items = state.ItemsOf(orderId);
            var ids = items.Select(i => i.OrderItemId).ToHashSet(StringComparer.Ordinal);
            return new MarketplaceRecord(
                [.. state.ShipmentRequests.Where(s => s.OrderItemIds.Any(ids.Contains)).Select(s => s.TrackAndTrace)],
                state.CancellationRequests.Count(c => ids.Contains(c.OrderItemId)),
                items.All(i => i.QuantityShipped == i.Quantity),
                items.All(i => i.QuantityCancelled == i.Quantity));
        }
    }
}

using System.Globalization;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Sandbox.Trendyol;

namespace OrderFunctions.Sandbox.Demo;

/// <summary>What a marketplace shows of one order: shipped (with a tracking code the hub sent, or not), cancelled.</summary>
internal sealed record DemoMarketplaceView(bool Shipped, bool TrackingSent, bool Cancelled);

/// <summary>A demo order: placed on the marketplace, followed into the shop, and what has been seen of it so far.</summary>
internal sealed class DemoOrder(string marketplaceOrderId, DemoPlan plan, DateTimeOffset placedAt)
{
    public string MarketplaceOrderId { get; } = marketplaceOrderId;

    public DemoPlan Plan { get; } = plan;

    public DateTimeOffset PlacedAt { get; } = placedAt;

    public SandboxShopOrder? InShop { get; set; }

    public DateTimeOffset? InShopAt { get; set; }

    public DateTimeOffset? ActedAt { get; set; }

    public bool LateTrackingAdded { get; set; }

    public bool Completed { get; set; }

    public bool ShopCancelled { get; set; }

    public bool Shipped { get; set; }

    public bool MarketplaceCancelled { get; set; }
}

/// <summary>One marketplace → shop pairing the demo drives, through <see cref="SandboxOrders"/> (the control API's
/// operations) and the simulators' records.</summary>
internal sealed class DemoLane
{
    private static readonly HashSet<string> TrendyolCancelledStatuses = new(StringComparer.Ordinal) { TrendyolStatuses.Cancelled, TrendyolStatuses.UnSupplied };

    private DemoLane(string marketplace, string shop, ISandboxShop shopHands, Func<(string Id, string Summary)> place, Action<string> customerCancel, Func<IReadOnlyDictionary<string, DemoMarketplaceView>> observe, Action<string>? carrierScan)
    {
        Marketplace = marketplace;
        Shop = shop;
        ShopHands = shopHands;
        Place = place;
        CustomerCancel = customerCancel;
        Observe = observe;
        CarrierScan = carrierScan;
    }

    public string Marketplace { get; }

    public string Shop { get; }

    public ISandboxShop ShopHands { get; }

    /// <summary>A customer places a random order; returns its id and a short description (lines, total).</summary>
    public Func<(string Id, string Summary)> Place { get; }

    public Action<string> CustomerCancel { get; }

    /// <summary>The marketplace's view of the orders the sandbox added, by order id.</summary>
    public Func<IReadOnlyDictionary<string, DemoMarketplaceView>> Observe { get; }

    /// <summary>Set for a marketplace whose packages carry its own shipping label (Trendyol): an order completed without a
    /// code of the merchant's ships at once under that label, and the carrier's first scan marks it Shipped.</summary>
    public Action<string>? CarrierScan { get; }

    public bool MarketplaceLabel => CarrierScan is not null;

    public List<DemoOrder> Orders { get; } = [];

    /// <summary>The plan of the next order. With the marketplace's own label there is nothing to wait for, so a "late"
    /// code would come after the hub shipped: such orders go without a code of the merchant's instead.</summary>
    public DemoPlan PlanFor(int index) => DemoPlans.ForOrder(index) is DemoPlan.LateTracking && MarketplaceLabel ? DemoPlan.NoTracking : DemoPlans.ForOrder(index);

    public string Name => $"{Marketplace} → {Shop}";

    /// <summary>Trendyol → WooCommerce: a shipment shows as an accepted tracking code, or — for a package that went under
    /// Trendyol's own label — as the carrier's first scan (Shipped); a cancellation as every package Cancelled or UnSupplied.</summary>
    public static DemoLane TrendyolToWooCommerce(SandboxHost host) => new(
        "trendyol",
        "woocommerce",
        host.Orders.WooCommerce,
        () =>
        {
            var order = host.Orders.AddTrendyolOrders(1).Single();
            return (order.OrderNumber, Describe(order.Lines, order.Total, "TRY"));
        },
        orderNumber => host.Orders.CancelTrendyolOrder(orderNumber),
        () => SandboxRecordsBuilder.Trendyol(host, withOrders: true).Orders!.ToDictionary(
            o => o.Key,
            o => new DemoMarketplaceView(
                o.Value.TrackingPushes > 0 || o.Value.PackageStatuses.Contains(TrendyolStatuses.Shipped),
                o.Value.TrackingPushes > 0,
                o.Value.PackageStatuses.Count > 0 && o.Value.PackageStatuses.All(TrendyolCancelledStatuses.Contains)),
            StringComparer.Ordinal),
        orderNumber =>
        {
            foreach (var package in host.Trendyol.State.PackagesOf(orderNumber).Where(p => p.Status is TrendyolStatuses.Created or TrendyolStatuses.Picking or TrendyolStatuses.Invoiced))
            {
                host.Trendyol.State.SetStatus(package.Id, TrendyolStatuses.Shipped);
            }
        });

    /// <summary>bol.com → Shopify: a shipment shows as shipped quantity (bol processes complete at once in the demo), a
    /// cancellation as every item cancelled.</summary>
    public static DemoLane BolToShopify(SandboxHost host) => new(
        "bol",
        "shopify",
        host.Orders.Shopify,
        () =>
        {
            var order = host.Orders.AddBolOrders(1).Single();
            return (order.OrderId, Describe(order.OrderItemIds.Count, order.Total, "EUR"));
        },
        orderId => host.Orders.CancelBolOrder(orderId, requestOnly: false),
        () => SandboxRecordsBuilder.Bol(host, withOrders: true).Orders!.ToDictionary(
            o => o.Key,
            o => new DemoMarketplaceView(o.Value.QuantityShipped > 0, o.Value.Shipments > 0, o.Value.Quantity > 0 && o.Value.QuantityCancelled == o.Value.Quantity),
            StringComparer.Ordinal),
        carrierScan: null);

    private static string Describe(int lines, decimal total, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{lines} line{(lines == 1 ? "" : "s")}, {total:0.00} {currency}");
}

using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OrderFunctions.Sandbox.Common;
using OrderFunctions.Sandbox.Shopify;
using OrderFunctions.Sandbox.WooCommerce;

namespace OrderFunctions.Sandbox.Hosting;

/// <summary>A tracking code and the shop's carrier name for it.</summary>
public sealed record SandboxTracking(string Number, string? Carrier);

/// <summary>A shop order as the control API lists it. <see cref="Ref"/> addresses it in control routes (WooCommerce's
/// id, the number at the end of Shopify's gid); <see cref="ShopOrderId"/> is the id the hub's connector sees;
/// <see cref="OrderKey"/> the hub's key stored with it (null for orders the hub did not create).</summary>
public sealed record SandboxShopOrder(string Ref, string ShopOrderId, string? OrderKey, string Status, IReadOnlyList<SandboxTracking> Tracking);

/// <summary>What a shop simulator recorded: orders created (duplicates show as a key with more than one order),
/// orders by status, webhook deliveries.</summary>
public sealed record SandboxShopRecords(
    int OrdersCreated,
    int Orders,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<string> DuplicateKeys,
    int WebhookDeliveries,
    int WebhookFailures,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, int>? OrdersByKey);

/// <summary>The merchant's hands on one shop simulator: list, complete (with or without tracking), add tracking later,
/// cancel. Unknown refs throw <see cref="KeyNotFoundException"/>; changes the shop refuses throw
/// <see cref="InvalidOperationException"/>.</summary>
internal interface ISandboxShop
{
    IReadOnlyList<SandboxShopOrder> Orders();

    /// <summary>Open orders the hub created (they carry an order key).</summary>
    IEnumerable<SandboxShopOrder> OpenHubOrders();

    SandboxShopOrder Complete(string orderRef, SandboxTracking? tracking);

    SandboxShopOrder AddTracking(string orderRef, SandboxTracking tracking);

    SandboxShopOrder Cancel(string orderRef);

    SandboxShopRecords Records(bool withKeys);
}

internal static class SandboxShopRecordsBuilder
{
    public static SandboxShopRecords Build(int ordersCreated, IReadOnlyList<SandboxShopOrder> orders, IReadOnlyList<WebhookDelivery> deliveries, bool withKeys)
    {
        var byKey = orders.Where(o => o.OrderKey is not null).GroupBy(o => o.OrderKey!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new SandboxShopRecords(
            ordersCreated,
            orders.Count,
            orders.GroupBy(o => o.Status, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            [.. byKey.Where(k => k.Value > 1).Select(k => k.Key).Order(StringComparer.Ordinal)],
            deliveries.Count,
            deliveries.Count(d => d.ResponseStatus is < 200 or > 299),
            withKeys ? byKey : null);
    }
}

internal sealed class WooCommerceSandboxShop(WooCommerceSimulator simulator) : ISandboxShop
{
    /// <summary>The meta key the hub stores its order key under (docs/connectors/woocommerce.md).</summary>
    internal const string OrderKeyMeta = "_orderfunctions_order_key";

    private const string TrackingItemsMeta = "_wc_shipment_tracking_items";

    private static readonly string[] ClosedStatuses = ["completed", "cancelled", "refunded", "failed", "trash"];

    public IReadOnlyList<SandboxShopOrder> Orders() => [.. simulator.Orders.Select(View)];

    public IEnumerable<SandboxShopOrder> OpenHubOrders() =>
        Orders().Where(o => o.OrderKey is not null && !ClosedStatuses.Contains(o.Status, StringComparer.Ordinal));

    public SandboxShopOrder Complete(string orderRef, SandboxTracking? tracking)
    {
        var id = Find(orderRef);
        simulator.Complete(id, tracking is null ? null : new ShipmentTrackingItem(tracking.Number, tracking.Carrier));
        return View(simulator.GetOrder(id)!);
    }

    public SandboxShopOrder AddTracking(string orderRef, SandboxTracking tracking)
    {
        var id = Find(orderRef);
        simulator.AddTracking(id, new ShipmentTrackingItem(tracking.Number, tracking.Carrier));
        return View(simulator.GetOrder(id)!);
    }

    public SandboxShopOrder Cancel(string orderRef)
    {
        var id = Find(orderRef);
        simulator.Cancel(id);
        return View(simulator.GetOrder(id)!);
    }

    public SandboxShopRecords Records(bool withKeys) =>
        SandboxShopRecordsBuilder.Build(simulator.OrdersCreated, Orders(), simulator.WebhookDeliveries, withKeys);

    private int Find(string orderRef) =>
        int.TryParse(orderRef, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && simulator.GetOrder(id) is not null
            ? id
            : throw new KeyNotFoundException($"WooCommerce has no order '{orderRef}'.");

    private static SandboxShopOrder View(WooOrderSnapshot order)
    {
        var id = order.Id.ToString(CultureInfo.InvariantCulture);
        var key = order.Meta.GetValueOrDefault(OrderKeyMeta)?.ToString();
        IReadOnlyList<SandboxTracking> tracking = order.Meta.GetValueOrDefault(TrackingItemsMeta) is JsonArray items
            ? [.. items.OfType<JsonObject>().Select(Tracking).OfType<SandboxTracking>()]
            : [];
        return new SandboxShopOrder(id, id, key, order.Status, tracking);
    }

    private static SandboxTracking? Tracking(JsonObject item)
    {
        var number = item["tracking_number"]?.ToString();
        var carrier = item["custom_tracking_provider"]?.ToString() is { Length: > 0 } custom ? custom : item["tracking_provider"]?.ToString();
        return string.IsNullOrEmpty(number) ? null : new SandboxTracking(number, string.IsNullOrEmpty(carrier) ? null : carrier);
    }
}

internal sealed class ShopifySandboxShop(ShopifySimulator simulator) : ISandboxShop
{
    private const string OrderGidPrefix = "gid://shopify/Order/";

    public IReadOnlyList<SandboxShopOrder> Orders() => [.. simulator.Orders.Select(View)];

    public IEnumerable<SandboxShopOrder> OpenHubOrders() =>
        simulator.Orders.Where(o => o.SourceIdentifier is not null && !o.Cancelled && !o.Closed && o.FulfillmentStatus != "FULFILLED").Select(View);

    public SandboxShopOrder Complete(string orderRef, SandboxTracking? tracking)
    {
        var gid = Find(orderRef);
        simulator.Fulfill(gid, tracking is null ? null : new ShopifyTracking(tracking.Carrier, tracking.Number));
        return View(simulator.GetOrder(gid)!);
    }

    public SandboxShopOrder AddTracking(string orderRef, SandboxTracking tracking)
    {
        var gid = Find(orderRef);
        simulator.AddTracking(gid, new ShopifyTracking(tracking.Carrier, tracking.Number));
        return View(simulator.GetOrder(gid)!);
    }

    public SandboxShopOrder Cancel(string orderRef)
    {
        var gid = Find(orderRef);
        simulator.Cancel(gid);
        return View(simulator.GetOrder(gid)!);
    }

    public SandboxShopRecords Records(bool withKeys) =>
        SandboxShopRecordsBuilder.Build(simulator.OrdersCreated, Orders(), simulator.WebhookDeliveries, withKeys);

    private string Find(string orderRef)
    {
        var gid = OrderGidPrefix + orderRef;
        return orderRef.All(char.IsAsciiDigit) && simulator.GetOrder(gid) is not null
            ? gid
            : throw new KeyNotFoundException($"Shopify has no order '{orderRef}'.");
    }

    private static SandboxShopOrder View(ShopifyOrderSnapshot order)
    {
        var status = order.Cancelled ? "cancelled" : order.FulfillmentStatus.ToLowerInvariant();
        return new SandboxShopOrder(
            order.Id[OrderGidPrefix.Length..],
            order.Id,
            order.SourceIdentifier,
            status,
            [.. order.Tracking.Where(t => !string.IsNullOrEmpty(t.Number)).Select(t => new SandboxTracking(t.Number!, t.Company))]);
    }
}

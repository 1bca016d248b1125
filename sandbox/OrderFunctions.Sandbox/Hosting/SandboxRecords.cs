using System.Text.Json.Serialization;
using OrderFunctions.Sandbox.Trendyol;

namespace OrderFunctions.Sandbox.Hosting;

/// <summary>What Trendyol was asked to do to one order.</summary>
public sealed record TrendyolOrderRecord(IReadOnlyList<string> PackageStatuses, int Acknowledgements, int Invoices, int TrackingPushes, int Cancellations);

/// <summary>What the Trendyol simulator accepted: acknowledgements (Picking), invoices, tracking pushes, unsupply calls,
/// stock requests; per order for the orders the sandbox added (when asked for details).</summary>
public sealed record TrendyolRecords(
    int OrdersAdded,
    int Acknowledgements,
    int Invoices,
    int TrackingPushes,
    int Cancellations,
    int StockRequests,
    int RateLimitRejections,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, TrendyolOrderRecord>? Orders);

/// <summary>What bol was asked to do to one order; quantities are the items' current ones.</summary>
public sealed record BolOrderRecord(int Shipments, int Cancellations, int Quantity, int QuantityShipped, int QuantityCancelled);

/// <summary>What the bol simulator accepted: shipments and cancellations (each a process), stock updates, tokens.</summary>
public sealed record BolRecords(
    int OrdersAdded,
    int Shipments,
    int Cancellations,
    int StockUpdates,
    int TokensIssued,
    int RateLimitRejections,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, BolOrderRecord>? Orders);

/// <summary>Every simulator's records at once.</summary>
public sealed record SandboxRecords(
    TrendyolRecords Trendyol,
    BolRecords Bol,
    [property: JsonPropertyName("woocommerce")] SandboxShopRecords WooCommerce,
    SandboxShopRecords Shopify);

internal static class SandboxRecordsBuilder
{
    public static SandboxRecords All(SandboxHost host) =>
        new(Trendyol(host, withOrders: false), Bol(host, withOrders: false), host.Orders.WooCommerce.Records(withKeys: false), host.Orders.Shopify.Records(withKeys: false));

    public static TrendyolRecords Trendyol(SandboxHost host, bool withOrders)
    {
        var state = host.Trendyol.State;
        var statusUpdates = state.StatusUpdates;
        var trackingUpdates = state.TrackingUpdates;
        var unsupplied = state.Unsupplied;
        var added = host.Orders.TrendyolOrders;
        Dictionary<string, TrendyolOrderRecord>? orders = null;
        if (withOrders)
        {
            var orderOf = new Dictionary<long, string>();
            string OrderOf(long packageId)
            {
                if (!orderOf.TryGetValue(packageId, out var orderNumber))
                {
                    orderNumber = orderOf[packageId] = state.GetPackage(packageId).OrderNumber;
                }

                return orderNumber;
            }

            var acknowledgements = statusUpdates.Where(u => u.Status == TrendyolStatuses.Picking).GroupBy(u => OrderOf(u.PackageId)).ToDictionary(g => g.Key, g => g.Count());
            var invoices = statusUpdates.Where(u => u.Status == TrendyolStatuses.Invoiced).GroupBy(u => OrderOf(u.PackageId)).ToDictionary(g => g.Key, g => g.Count());
            var tracking = trackingUpdates.GroupBy(u => OrderOf(u.PackageId)).ToDictionary(g => g.Key, g => g.Count());
            var cancellations = unsupplied.GroupBy(u => OrderOf(u.PackageId)).ToDictionary(g => g.Key, g => g.Count());
            orders = added.ToDictionary(
                number => number,
                number => new TrendyolOrderRecord(
                    [.. state.PackagesOf(number).Select(p => p.Status)],
                    acknowledgements.GetValueOrDefault(number),
                    invoices.GetValueOrDefault(number),
                    tracking.GetValueOrDefault(number),
                    cancellations.GetValueOrDefault(number)),
                StringComparer.Ordinal);
        }

        return new TrendyolRecords(
            added.Count,
            statusUpdates.Count(u => u.Status == TrendyolStatuses.Picking),
            statusUpdates.Count(u => u.Status == TrendyolStatuses.Invoiced),
            trackingUpdates.Count,
            unsupplied.Count,
            state.StockRequests.Count,
            state.RateLimitRejections,
            orders);
    }

    public static BolRecords Bol(SandboxHost host, bool withOrders)
    {
        var state = host.Bol.State;
        var shipments = state.ShipmentRequests;
        var cancellations = state.CancellationRequests;
        var added = host.Orders.BolOrders;
        Dictionary<string, BolOrderRecord>? orders = null;
        if (withOrders)
        {
            var orderOf = added.SelectMany(o => o.Value.Select(item => (Item: item, Order: o.Key))).ToDictionary(x => x.Item, x => x.Order, StringComparer.Ordinal);
            // A shipment holds items of one order only (bol refuses others).
            var shipped = shipments.Where(s => s.OrderItemIds.Count > 0 && orderOf.ContainsKey(s.OrderItemIds[0])).GroupBy(s => orderOf[s.OrderItemIds[0]]).ToDictionary(g => g.Key, g => g.Count());
            var cancelled = cancellations.Where(c => orderOf.ContainsKey(c.OrderItemId)).GroupBy(c => orderOf[c.OrderItemId]).ToDictionary(g => g.Key, g => g.Count());
            orders = new Dictionary<string, BolOrderRecord>(StringComparer.Ordinal);
            foreach (var orderId in added.Keys)
            {
                var items = state.ItemsOf(orderId);
                orders[orderId] = new BolOrderRecord(
                    shipped.GetValueOrDefault(orderId),
                    cancelled.GetValueOrDefault(orderId),
                    items.Sum(i => i.Quantity),
                    items.Sum(i => i.QuantityShipped),
                    items.Sum(i => i.QuantityCancelled));
            }
        }

        return new BolRecords(added.Count, shipments.Count, cancellations.Count, state.StockUpdates.Count, state.TokensIssued, state.RateLimitRejections, orders);
    }
}

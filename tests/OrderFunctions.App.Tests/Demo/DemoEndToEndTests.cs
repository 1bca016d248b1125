using System.Text.Json.Nodes;
using OrderFunctions.App.Demo;
using OrderFunctions.Sandbox.Demo;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Tests.Demo;

/// <summary>The local run end to end: demo traffic on the simulators, the hub in between with the real connectors.</summary>
public sealed class DemoEndToEndTests
{
    private const int OrdersPerMarketplace = 10;

    private static readonly DemoOptions FastDemo = new()
    {
        Tick = TimeSpan.FromMilliseconds(200),
        PlaceEvery = TimeSpan.FromSeconds(1),
        HandlingDelay = TimeSpan.FromSeconds(1),
        LateTrackingDelay = TimeSpan.FromSeconds(1.5),
        SummaryEvery = TimeSpan.FromSeconds(5),
        MaxOrdersPerMarketplace = OrdersPerMarketplace,
    };

    private static readonly DemoSeedOptions FastSeed = new() { PollInterval = TimeSpan.FromSeconds(2), TrackingWait = TimeSpan.FromSeconds(4) };

    [Fact]
    public async Task DemoTraffic_FlowsThroughTheHubIntoTheShopsAndBackToTheMarketplaces()
    {
        await using var run = await DemoRun.StartAsync(FastDemo, FastSeed);
        Assert.All(run.Seeded, r => Assert.Equal(DemoSeedOutcome.Created, r.Outcome));

        // Every order the demo placed ends closed or cancelled in the hub.
        var hub = await WaitUntilSettledAsync(run);

        var orders = run.Sandbox.Orders;
        var trendyol = orders.TrendyolOrders;
        var bol = orders.BolOrders.Keys.ToList();
        Assert.Equal(OrdersPerMarketplace, trendyol.Count);
        Assert.Equal(OrdersPerMarketplace, bol.Count);

        // The simulators' records, read through the sandbox's control API.
        using var control = new HttpClient { BaseAddress = run.Sandbox.Manifest.Control };
        var wooCommerce = await RecordsAsync(control, "woocommerce/records");
        var shopify = await RecordsAsync(control, "shopify/records");
        var trendyolOrders = (await RecordsAsync(control, "trendyol/records"))["orders"]!.AsObject().Select(o => o.Value!).ToList();
        var bolOrders = (await RecordsAsync(control, "bol/records"))["orders"]!.AsObject().Select(o => o.Value!).ToList();

        // Each order is in its shop once, created by the hub under its key.
        Assert.Equal(Keys(DemoIntegrations.TrendyolToWooCommerceId, trendyol), wooCommerce["ordersByKey"]!.AsObject().Select(k => k.Key).Order(StringComparer.Ordinal));
        Assert.Equal(Keys(DemoIntegrations.BolToShopifyId, bol), shopify["ordersByKey"]!.AsObject().Select(k => k.Key).Order(StringComparer.Ordinal));
        Assert.Empty(wooCommerce["duplicateKeys"]!.AsArray());
        Assert.Empty(shopify["duplicateKeys"]!.AsArray());

        // The plan cycle of the first ten orders: 5 with tracking, 2 late (on Trendyol: under its own label), 1 without,
        // 1 cancelled by the merchant, 1 by the customer.
        Assert.Equal(8, hub.Count(o => o.Key.IntegrationId == DemoIntegrations.TrendyolToWooCommerceId && o.Status == OrderStatus.Closed));
        Assert.Equal(8, hub.Count(o => o.Key.IntegrationId == DemoIntegrations.BolToShopifyId && o.Status == OrderStatus.Closed));
        Assert.Equal(4, hub.Count(o => o.Status == OrderStatus.Cancelled));

        // The marketplaces got the shipments: Trendyol the codes of the five completed with one; bol a shipment for each
        // of the eight — the late ones with their code, one at the end of the wait without.
        Assert.Equal(5, trendyolOrders.Count(o => (int)o["trackingPushes"]! == 1));
        Assert.Equal(8, bolOrders.Count(o => (int)o["shipments"]! == 1 && (int)o["quantityShipped"]! == (int)o["quantity"]!));
        Assert.Equal(7, run.Sandbox.Bol.State.ShipmentRequests.Count(s => !string.IsNullOrEmpty(s.TrackAndTrace)));

        // The merchant's cancellation reached the marketplace (lines cancelled by the hub); the customer's reached the shop.
        Assert.Equal(1, trendyolOrders.Count(o => (int)o["cancellations"]! > 0));
        Assert.Equal(1, bolOrders.Count(o => (int)o["cancellations"]! > 0 && (int)o["quantityCancelled"]! == (int)o["quantity"]!));
        Assert.Equal(2, (int)wooCommerce["byStatus"]!["cancelled"]!);
        Assert.Equal(2, (int)shopify["byStatus"]!["cancelled"]!);

        // What the newcomer reads in the terminal.
        var printed = run.Printed;
        Assert.Contains("demo: trendyol → woocommerce: 10 placed, 10 in shop", printed, StringComparison.Ordinal);
        Assert.Contains(": shipped by the hub with tracking ", printed, StringComparison.Ordinal);
        Assert.Contains(": cancelled by the hub (the customer cancelled on bol)", printed, StringComparison.Ordinal);
        Assert.Contains(": cancelled by the hub (the merchant cancelled in woocommerce)", printed, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> RecordsAsync(HttpClient control, string route) =>
        JsonNode.Parse(await control.GetStringAsync(new Uri(route, UriKind.Relative)))!;

    private static IEnumerable<string> Keys(string integrationId, IEnumerable<string> marketplaceOrderIds) =>
        marketplaceOrderIds.Select(id => OrderKey.Create(integrationId, id).Value).Order(StringComparer.Ordinal);

    private static async Task<IReadOnlyList<OrderState>> WaitUntilSettledAsync(DemoRun run)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var hub = new List<OrderState>();
            foreach (var id in run.Sandbox.Orders.TrendyolOrders)
            {
                hub.AddRange(await run.OrderAsync(DemoIntegrations.TrendyolToWooCommerceId, id) is { } order ? [order] : []);
            }

            foreach (var id in run.Sandbox.Orders.BolOrders.Keys)
            {
                hub.AddRange(await run.OrderAsync(DemoIntegrations.BolToShopifyId, id) is { } order ? [order] : []);
            }

            if (hub.Count == 2 * OrdersPerMarketplace && hub.All(o => o.Status is OrderStatus.Closed or OrderStatus.Cancelled))
            {
                return hub;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException(
                    "The demo orders did not all end closed or cancelled in time:\n  "
                    + string.Join("\n  ", hub.Select(o => $"{o.Key}: {o.Describe()}"))
                    + "\nThe demo printed:\n" + run.Printed);
            }

            await Task.Delay(500);
        }
    }
}

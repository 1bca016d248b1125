using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OrderFunctions.App.Api;
using OrderFunctions.App.Demo;
using OrderFunctions.Sandbox.Common;
using OrderFunctions.Sandbox.Demo;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Testing;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Tests.Demo;

/// <summary>The local run's shop webhooks, as scripts/run-local.sh wires them: the sandbox's shops send signed
/// deliveries to the demo integrations' routes on an app that starts after the sandbox.</summary>
public sealed class DemoWebhookTests
{
    // No demo traffic: the test places and completes the orders itself. The driver still confirms bol's shipment
    // processes on every tick, as in the demo.
    private static readonly DemoOptions NoTraffic = new() { Tick = TimeSpan.FromMilliseconds(200), MaxOrdersPerMarketplace = 0 };

    // Polled once a day: after the first poll at the start and the operator's sync below, nothing reads the shops again.
    private static readonly DemoSeedOptions PolledOnceADay = new() { PollInterval = TimeSpan.FromDays(1), TrackingWait = TimeSpan.FromSeconds(4) };

    [Fact]
    public async Task ShopCompletions_ReachTheMarketplacesByWebhook_WhenTheShopsArePolledOnceADay()
    {
        await using var run = await DemoRun.StartAsync(NoTraffic, PolledOnceADay, shopWebhooks: true);
        using var control = new HttpClient { BaseAddress = run.Sandbox.Manifest.Control };
        using var api = new HttpClient { BaseAddress = run.AppUri };
        api.DefaultRequestHeaders.Add("x-functions-key", DemoRun.FunctionKey);

        // A customer orders on each marketplace; the operator syncs both integrations so the hub takes them in now.
        var trendyolOrder = run.Sandbox.Orders.AddTrendyolOrders(1).Single().OrderNumber;
        var bolOrder = run.Sandbox.Orders.AddBolOrders(1).Single().OrderId;
        await SyncAsync(api, DemoIntegrations.TrendyolToWooCommerceId);
        await SyncAsync(api, DemoIntegrations.BolToShopifyId);
        await WaitUntilAsync(run, "both orders are in their shops", async () =>
            await run.OrderAsync(DemoIntegrations.TrendyolToWooCommerceId, trendyolOrder) is { Status: OrderStatus.Transferred }
            && await run.OrderAsync(DemoIntegrations.BolToShopifyId, bolOrder) is { Status: OrderStatus.Transferred });

        // The syncs are done: they were the last polls until tomorrow. Only now the merchant completes both orders with a
        // tracking code, so no poll can have seen the completions.
        await CompleteWithTrackingAsync(control, "woocommerce");
        await CompleteWithTrackingAsync(control, "shopify");

        // Only a webhook can tell the hub now, and it ships both.
        await WaitUntilAsync(run, "both orders are closed", async () =>
            await run.OrderAsync(DemoIntegrations.TrendyolToWooCommerceId, trendyolOrder) is { Status: OrderStatus.Closed }
            && await run.OrderAsync(DemoIntegrations.BolToShopifyId, bolOrder) is { Status: OrderStatus.Closed });

        var trendyol = JsonNode.Parse(await control.GetStringAsync(new Uri("trendyol/records", UriKind.Relative)))!;
        Assert.Equal(1, (int)trendyol["orders"]![trendyolOrder]!["trackingPushes"]!);
        var bolShipment = Assert.Single(run.Sandbox.Bol.State.ShipmentRequests);
        Assert.False(string.IsNullOrEmpty(bolShipment.TrackAndTrace));

        // The deliveries the shops made to the demo routes, and the hub's answers: queued (202).
        Assert.Contains(run.Sandbox.WooCommerce.WebhookDeliveries, d => d.Url == DemoIntegrations.WooCommerceWebhookUrl(run.AppUri) && d.ResponseStatus == 202);
        Assert.Contains(run.Sandbox.Shopify.WebhookDeliveries, d => d.Url == DemoIntegrations.ShopifyWebhookUrl(run.AppUri) && d.ResponseStatus == 202);
        Assert.DoesNotContain(run.Sandbox.WooCommerce.WebhookDeliveries.Concat(run.Sandbox.Shopify.WebhookDeliveries), d => d.ResponseStatus is < 200 or >= 300);
    }

    [Fact]
    public async Task DeliveriesBeforeTheAppListens_AreDroppedWithoutHarm_AndLaterOnesArrive()
    {
        var appPort = FreePort.Next();
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{appPort}/api/webhooks/woocommerce/demo"));
        await using var sandbox = await SandboxHost.StartAsync(new SandboxSettings { WooCommerceWebhookUrl = url });
        var woo = sandbox.WooCommerce;

        // Nothing listens yet: the delivery fails (status 0), is recorded as such and not retried.
        woo.Complete(woo.CreateOrderDirectly(new JsonObject { ["status"] = "processing" }));
        var early = Assert.Single(await DeliveredAsync(woo, 1));
        Assert.Equal(0, early.ResponseStatus);

        // The app comes up on that port; the next change is delivered there, signed with the sandbox's webhook secret.
        var received = new List<(string? Topic, bool SignedWithSandboxSecret)>();
        await using var app = await StartReceiverAsync(appPort, received);
        woo.Complete(woo.CreateOrderDirectly(new JsonObject { ["status"] = "processing" }));
        var deliveries = await DeliveredAsync(woo, 2);

        Assert.Equal(202, deliveries[1].ResponseStatus);
        lock (received)
        {
            Assert.Equal([("order.updated", true)], received);
        }

        // The sandbox kept serving throughout.
        using var control = new HttpClient { BaseAddress = sandbox.Manifest.Control };
        var records = JsonNode.Parse(await control.GetStringAsync(new Uri("woocommerce/records", UriKind.Relative)))!;
        Assert.Equal(2, (int)records["webhookDeliveries"]!);
        Assert.Equal(1, (int)records["webhookFailures"]!);
    }

    [Fact]
    public async Task RunLocalScript_SendsTheShopsWebhooksToTheDemoIntegrationsRoutes()
    {
        var script = await File.ReadAllTextAsync(RepositoryRoot.File("scripts/run-local.sh"));

        Assert.Contains("\"http://127.0.0.1:$port" + ApiRoutes.Path(ApiRoutes.WooCommerceWebhook, DemoIntegrations.TrendyolToWooCommerceId) + "\"", script, StringComparison.Ordinal);
        Assert.Contains("\"http://127.0.0.1:$port" + ApiRoutes.Path(ApiRoutes.ShopifyWebhook, DemoIntegrations.BolToShopifyId) + "\"", script, StringComparison.Ordinal);
        Assert.Contains("--woocommerce-webhook \"$woocommerce_webhook\" --shopify-webhook \"$shopify_webhook\"", script, StringComparison.Ordinal);
    }

    private static async Task SyncAsync(HttpClient api, string integrationId)
    {
        using var started = await api.PostAsync(
            new Uri(ApiRoutes.Path(ApiRoutes.Syncs, integrationId), UriKind.Relative),
            new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync())!["runId"]!;
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (true)
        {
            var sync = JsonNode.Parse(await api.GetStringAsync(new Uri(ApiRoutes.Path(ApiRoutes.Sync, integrationId, runId), UriKind.Relative)))!;
            if ((bool)sync["done"]!)
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The sync of {integrationId} did not finish: {sync.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    /// <summary>The merchant completes the shop's one hub order with a generated tracking code (control API).</summary>
    private static async Task CompleteWithTrackingAsync(HttpClient control, string shop)
    {
        var orders = JsonNode.Parse(await control.GetStringAsync(new Uri($"{shop}/orders", UriKind.Relative)))!["orders"]!.AsArray();
        var orderRef = (string)Assert.Single(orders, o => o!["orderKey"] is not null)!["ref"]!;
        using var completed = await control.PostAsync(
            new Uri($"{shop}/orders/{orderRef}/complete", UriKind.Relative),
            new StringContent("""{"withTracking":true}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
    }

    private static async Task WaitUntilAsync(DemoRun run, string what, Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Not reached in time: {what}. The demo printed:\n{run.Printed}");
            await Task.Delay(200);
        }
    }

    private static async Task<IReadOnlyList<WebhookDelivery>> DeliveredAsync(Sandbox.WooCommerce.WooCommerceSimulator woo, int count)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (woo.WebhookDeliveries.Count < count)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Only {woo.WebhookDeliveries.Count} of {count} webhook deliveries were made.");
            await Task.Delay(50);
        }

        return woo.WebhookDeliveries;
    }

    /// <summary>A stand-in for the app on <paramref name="port"/>: answers 202 and notes each delivery's topic and
    /// whether it is signed with the sandbox's WooCommerce webhook secret.</summary>
    private static async Task<WebApplication> StartReceiverAsync(int port, List<(string? Topic, bool SignedWithSandboxSecret)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var app = builder.Build();
        app.MapPost("/api/webhooks/woocommerce/demo", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var signed = Connectors.WooCommerce.WooCommerceWebhook.IsAuthentic(SandboxHost.WooCommerceWebhookSecret, body.ToArray(), request.Headers["X-WC-Webhook-Signature"].ToString());
            lock (received)
            {
                received.Add((request.Headers["X-WC-Webhook-Topic"].ToString(), signed));
            }

            return Results.StatusCode(StatusCodes.Status202Accepted);
        });
        await app.StartAsync();
        return app;
    }
}

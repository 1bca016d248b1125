using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OrderFunctions.App.Tests.Api.Support;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;

namespace OrderFunctions.App.Tests.Api.Operations;

[Collection(ApiCollection.Name)]
public sealed class OperationApiTests(ApiHost host)
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task ABackfillSyncIsFollowedThroughItsLocationUntilDoneWithCountsThatOnlyGrow()
    {
        // No acknowledgement: the fake marketplace pages by offset, and an acknowledged order would leave the window.
        await host.CreateIntegrationAsync("ops-backfill", settings: new JsonObject { ["approveOnReceipt"] = false });
        var marketplace = host.Platforms.Marketplace("ops-backfill");
        marketplace.PageSize = 2;
        var tenDaysAgo = DateTimeOffset.UtcNow.AddDays(-10);
        for (var i = 1; i <= 6; i++)
        {
            marketplace.Place(Samples.MarketplaceOrder($"B{i}", changedAt: tenDaysAgo.AddMinutes(i)), tenDaysAgo.AddMinutes(i));
        }

        // Slow pages, so the run is seen while it runs.
        host.Platforms.Faults.Delay(FakeOperations.MarketplaceList, TimeSpan.FromMilliseconds(300));
        try
        {
            var since = new JsonObject { ["since"] = DateTimeOffset.UtcNow.AddDays(-20).ToString("O") };
            using var started = await Client.PostAsync("/api/integrations/ops-backfill/syncs", ApiHost.Json(since));
            var run = await ApiAnswers.ReadObjectAsync(started, HttpStatusCode.Accepted);
            var location = started.Headers.Location!.OriginalString;
            Assert.Equal($"/api/integrations/ops-backfill/syncs/{(string?)run["runId"]}", location);

            var snapshots = new List<JsonObject>();
            var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
            while (true)
            {
                using var progress = await Client.GetAsync(location);
                var snapshot = await ApiAnswers.ReadObjectAsync(progress);
                snapshots.Add(snapshot);
                if ((bool)snapshot["done"]!)
                {
                    break;
                }

                Assert.True(DateTimeOffset.UtcNow < deadline, "The back-fill did not finish.");
                await Task.Delay(50);
            }

            var received = snapshots.Select(s => (int)s["counts"]!["ordersReceived"]!).ToList();
            Assert.Equal(received.Order(), received);
            Assert.Equal(6, received[^1]);
            Assert.Equal(6, (int)snapshots[^1]["counts"]!["marketplaceOrdersListed"]!);
            Assert.Equal("completed", (string?)snapshots[^1]["status"]);
            Assert.Contains(snapshots, s => (string?)s["status"] == "running");
        }
        finally
        {
            host.Platforms.Faults.Clear();
        }

        await host.WaitForOrderAsync("ops-backfill", "B6", o => o.Status == OrderStatus.Transferred);
    }

    [Fact]
    public async Task ASyncSinceTheFutureOrTooLongAgoIs400AndAnUnknownRunIs404()
    {
        await host.CreateIntegrationAsync("ops-since");

        using var future = await Client.PostAsync("/api/integrations/ops-since/syncs", ApiHost.Json(new JsonObject { ["since"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O") }));
        using var ancient = await Client.PostAsync("/api/integrations/ops-since/syncs", ApiHost.Json(new JsonObject { ["since"] = DateTimeOffset.UtcNow.AddDays(-365).ToString("O") }));
        using var notADate = await Client.PostAsync("/api/integrations/ops-since/syncs", ApiHost.Json(new JsonObject { ["since"] = "yesterday" }));
        using var unknownIntegration = await Client.PostAsync("/api/integrations/ops-none/syncs", null);
        using var unknownRun = await Client.GetAsync("/api/integrations/ops-since/syncs/b-nope");

        Assert.Contains("since", (await ApiAnswers.AssertValidationProblemAsync(future)).Select(e => e.Key));
        Assert.Contains("since", (await ApiAnswers.AssertValidationProblemAsync(ancient)).Select(e => e.Key));
        Assert.Contains("since", (await ApiAnswers.AssertValidationProblemAsync(notADate)).Select(e => e.Key));
        await ApiAnswers.AssertProblemAsync(unknownIntegration, HttpStatusCode.NotFound);
        await ApiAnswers.AssertProblemAsync(unknownRun, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RetryingFailedOrdersQueuesAResyncOfEachAndTheyReEnterTheFlow()
    {
        await host.CreateIntegrationAsync("ops-retry");
        var now = DateTimeOffset.UtcNow;
        foreach (var id in new[] { "R1", "R2" })
        {
            var order = host.Platforms.Marketplace("ops-retry").Place(Samples.MarketplaceOrder(id, changedAt: now));
            var state = OrderState.Receive(OrderKey.Create("ops-retry", id), "trendyol", order, now) with { Status = OrderStatus.Failed, FailureReason = "shop: down for the test", FailedFrom = OrderStatus.Received };
            Assert.NotNull(await host.Orders.TryInsertAsync(state, new OrderHistoryEntry(now, "step-failed", "Received", "Failed", "inserted by the test", null), null, null, CancellationToken.None));
        }

        using var response = await Client.PostAsync("/api/integrations/ops-retry/orders/retry-failed", null);

        Assert.Equal(2, (int)(await ApiAnswers.ReadObjectAsync(response, HttpStatusCode.Accepted))["queued"]!);
        await host.WaitForOrderAsync("ops-retry", "R1", o => o.Status == OrderStatus.Transferred);
        await host.WaitForOrderAsync("ops-retry", "R2", o => o.Status == OrderStatus.Transferred);
    }

    [Fact]
    public async Task AHeldOrderIsConfirmedAnotherRejectedAndACustomStatusSet()
    {
        await host.CreateIntegrationAsync("ops-actions", settings: new JsonObject { ["autoTransfer"] = false });
        var marketplace = host.Platforms.Marketplace("ops-actions");
        marketplace.Place(Samples.MarketplaceOrder("H1", changedAt: DateTimeOffset.UtcNow));
        marketplace.Place(Samples.MarketplaceOrder("H2", changedAt: DateTimeOffset.UtcNow));
        using (var sync = await Client.PostAsync("/api/integrations/ops-actions/syncs", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, sync.StatusCode);
        }

        await host.WaitForOrderAsync("ops-actions", "H1", o => o.Status == OrderStatus.Held);
        await host.WaitForOrderAsync("ops-actions", "H2", o => o.Status == OrderStatus.Held);

        using var confirm = await Client.PostAsync("/api/integrations/ops-actions/orders/H1/confirm", null);
        using var reject = await Client.PostAsync("/api/integrations/ops-actions/orders/H2/reject", ApiHost.Json(new JsonObject { ["reason"] = "OutOfStock" }));
        using var custom = await Client.PostAsync("/api/integrations/ops-actions/orders/H1/custom-status", ApiHost.Json(new JsonObject { ["status"] = "Waiting for supplier" }));
        using var resync = await Client.PostAsync("/api/integrations/ops-actions/orders/H1/resync", null);

        var confirmed = await ApiAnswers.ReadObjectAsync(confirm);
        Assert.Equal("Applied", (string?)confirmed["outcome"]);
        Assert.Equal("Transferred", (string?)confirmed["order"]!["status"]);
        Assert.Equal("Rejected", (string?)(await ApiAnswers.ReadObjectAsync(reject))["order"]!["status"]);
        Assert.Equal("Waiting for supplier", (string?)(await ApiAnswers.ReadObjectAsync(custom))["order"]!["customStatus"]);
        Assert.Equal("Transferred", (string?)(await ApiAnswers.ReadObjectAsync(resync))["order"]!["status"]);
        using var details = await Client.GetAsync("/api/integrations/ops-actions/orders/H1");
        var events = (await ApiAnswers.ReadObjectAsync(details))["history"]!.AsArray().Select(h => (string?)h!["event"]).ToList();
        Assert.Contains("operator-confirmed", events);
        Assert.Contains("operator-set-custom-status", events);
    }

    [Fact]
    public async Task OrderActionsOnAnUnknownOrderAre404AndBadBodiesAre400()
    {
        await host.CreateIntegrationAsync("ops-bad");

        using var unknown = await Client.PostAsync("/api/integrations/ops-bad/orders/X1/confirm", null);
        using var unknownIntegration = await Client.PostAsync("/api/integrations/ops-none/orders/retry-failed", null);
        using var unknownResync = await Client.PostAsync("/api/integrations/ops-bad/orders/X1/resync", null);
        using var badReason = await Client.PostAsync("/api/integrations/ops-bad/orders/X1/reject", ApiHost.Json(new JsonObject { ["reason"] = "Boredom" }));
        using var emptyStatus = await Client.PostAsync("/api/integrations/ops-bad/orders/X1/custom-status", ApiHost.Json(new JsonObject { ["status"] = "  " }));
        using var noBody = await Client.PostAsync("/api/integrations/ops-bad/orders/X1/custom-status", new StringContent("", Encoding.UTF8, "application/json"));

        await ApiAnswers.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        await ApiAnswers.AssertProblemAsync(unknownIntegration, HttpStatusCode.NotFound);
        await ApiAnswers.AssertProblemAsync(unknownResync, HttpStatusCode.NotFound);
        Assert.Contains("reason", (await ApiAnswers.AssertValidationProblemAsync(badReason)).Select(e => e.Key));
        Assert.Contains("status", (await ApiAnswers.AssertValidationProblemAsync(emptyStatus)).Select(e => e.Key));
        Assert.Contains("body", (await ApiAnswers.AssertValidationProblemAsync(noBody)).Select(e => e.Key));
    }
}

using System.Net;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.App.Tests.EndToEnd;

/// <summary>A shop that fails (sandbox fault injection: every request answers 503, or 429 with Retry-After) while the hub
/// creates an order, for both demo pairs: once it recovers the order is created exactly once; if it never does, the
/// order ends Failed with the reason and an error notification, and nothing reaches the shop.</summary>
public sealed class FailureEndToEndTests(SandboxWorkflowFixture fixture) : IClassFixture<SandboxWorkflowFixture>
{
    public static TheoryData<string> Pairs => DemoPair.Names;

    /// <summary>Each pair with each kind of failure: 503s, and 429s with <c>Retry-After</c>.</summary>
    public static TheoryData<string, int> PairsAndFailures
    {
        get
        {
            var data = new TheoryData<string, int>();
            foreach (var pair in DemoPair.Names)
            {
                data.Add(pair, (int)HttpStatusCode.ServiceUnavailable);
                data.Add(pair, (int)HttpStatusCode.TooManyRequests);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(PairsAndFailures))]
    public async Task AShopThatFailsAndThenRecoversGetsTheOrderOnce(string pairName, int failure)
    {
        var pair = fixture.Pair(pairName);
        if (failure == (int)HttpStatusCode.TooManyRequests)
        {
            pair.ShopFaults.ThrottleNext(int.MaxValue, TimeSpan.FromSeconds(1));
        }
        else
        {
            pair.ShopFaults.FailNext(int.MaxValue, (HttpStatusCode)failure);
        }

        try
        {
            var orderId = pair.PlaceOrder();
            await fixture.WaitForHistoryAsync(pair, orderId, "attempt-failed");
            pair.ShopFaults.Reset();

            var transferred = await fixture.WaitForAsync(pair, orderId, OrderStatus.Transferred);

            Assert.Equal(transferred.ShopOrderId, (await pair.ShopOrderAsync(orderId)).ShopOrderId);
            Assert.Equal(0, await fixture.StepsPoisonedAsync());
        }
        finally
        {
            pair.ShopFaults.Reset();
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task AShopThatKeepsFailingMovesTheOrderToFailedWithAnErrorNotification(string pairName)
    {
        var pair = fixture.Pair(pairName);
        pair.ShopFaults.FailNext(int.MaxValue, HttpStatusCode.ServiceUnavailable);
        try
        {
            var orderId = pair.PlaceOrder();
            var failed = await fixture.WaitForAsync(pair, orderId, OrderStatus.Failed);
            pair.ShopFaults.Reset();

            Assert.Contains("503", failed.FailureReason, StringComparison.Ordinal);
            Assert.Equal(3, failed.FailedAttempts);
            var details = await fixture.Run.Workflow.Operations.GetAsync(failed.Key, CancellationToken.None);
            Assert.Equal("Failed", details!.History[^1].To);
            Assert.Contains(
                await fixture.Run.Workflow.NotificationsAsync(),
                n => n.IntegrationId == pair.IntegrationId && n.Error is { ErrorKind: "failed" } error && error.MarketplaceOrderId == orderId);
            Assert.Empty(await pair.ShopOrdersAsync(orderId));
            Assert.Empty(pair.Marketplace(orderId).Shipments);
            Assert.Equal(0, await fixture.StepsPoisonedAsync());
        }
        finally
        {
            pair.ShopFaults.Reset();
        }
    }
}

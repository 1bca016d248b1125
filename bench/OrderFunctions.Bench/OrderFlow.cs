using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrderFunctions.Bench;

/// <summary>
/// The merchants' side of a run: watches every lane's two shop simulators, notes when each placed order first shows up there
/// (created by the hub), and completes every open hub order with tracking, as a merchant shipping them would. One
/// pass every <see cref="Interval"/>; the first-seen times are exact to that interval.
/// </summary>
internal sealed class OrderFlow(LocalRun run)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>How long after an order appears in the shop the merchant ships it.</summary>
    public static readonly TimeSpan ShippingDelay = TimeSpan.FromSeconds(2);
    private static readonly string[] Shops = [SandboxLane.WooCommerce, SandboxLane.Shopify];

    private readonly ConcurrentDictionary<string, DateTimeOffset> _firstSeenInShop = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, DateTimeOffset> FirstSeenInShop => _firstSeenInShop;

    public int Completed { get; private set; }

    /// <summary>Runs passes until <paramref name="cancellationToken"/> fires. A failed pass (the sandbox busy) is retried.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var pass = Stopwatch.StartNew();
            try
            {
                await PassAsync(cancellationToken);
            }
            catch (HttpRequestException)
            {
                // The sandbox did not answer this pass; the next one catches up.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // An HTTP timeout; the next pass catches up.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped in the middle of a pass: that is the normal end.
                return;
            }

            var rest = Interval - pass.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(rest, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        foreach (var (lane, shop) in run.Lanes.SelectMany(l => Shops.Select(s => (l, s))))
        {
            var orders = await lane.ShopOrdersAsync(shop, cancellationToken);
            var now = DateTimeOffset.UtcNow;
            foreach (var order in orders)
            {
                if (order.OrderKey is not { } key)
                {
                    continue;
                }

                var seen = _firstSeenInShop.GetOrAdd(key, now);

                // A merchant ships some time after the order arrives; never within the second the hub created it
                // (see docs/benchmarks.md, "Findings": a shop change in the creation's second goes unseen).
                if (!IsDone(order.Status) && now - seen >= ShippingDelay)
                {
                    await lane.CompleteShopOrderAsync(shop, order.Ref, cancellationToken);
                    Completed++;
                }
            }
        }
    }

    /// <summary>A shop status the merchant has finished with (WooCommerce <c>completed</c>, Shopify fulfilled).</summary>
    public static bool IsDone(string status) =>
        status is "completed" or "fulfilled" or "FULFILLED" or "cancelled" or "CANCELLED";
}

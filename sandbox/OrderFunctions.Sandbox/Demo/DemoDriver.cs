using System.Globalization;
using OrderFunctions.Sandbox.Hosting;

namespace OrderFunctions.Sandbox.Demo;

/// <summary>
/// The demo traffic of the local run (<c>--demo</c>, docs/demo.md). On a timer, customers place orders on the Trendyol
/// and bol.com simulators; once the hub has created an order in its shop (WooCommerce or Shopify), the merchant
/// completes it (with a tracking code, with a late one, or without), or cancels it, or the customer cancels it on the
/// marketplace (<see cref="DemoPlan"/>). Everything goes through <see cref="SandboxOrders"/>, the control API's own
/// operations; the hub sees nothing but the platforms' APIs. Each thing that happens to an order is printed as one line,
/// and every <see cref="DemoOptions.SummaryEvery"/> one summary line per integration.
/// </summary>
public sealed class DemoDriver : IAsyncDisposable
{
    private static readonly HashSet<string> CompletedShopStatuses = new(StringComparer.Ordinal) { "completed", "fulfilled" };

    private readonly SandboxHost _host;
    private readonly DemoOptions _options;
    private readonly TextWriter _output;
    private readonly IReadOnlyList<DemoLane> _lanes;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _running;
    private DateTimeOffset _nextPlacement;
    private DateTimeOffset _nextSummary;
    private int _placedPerMarketplace;

    private DemoDriver(SandboxHost host, DemoOptions options, TextWriter output)
    {
        _host = host;
        _options = options;
        _output = output;
        _lanes = [DemoLane.TrendyolToWooCommerce(host), DemoLane.BolToShopify(host)];
        _nextPlacement = DateTimeOffset.UtcNow;
        _nextSummary = _nextPlacement + options.SummaryEvery;
        _running = RunAsync(_stopping.Token);
    }

    /// <summary>Starts the traffic on a running sandbox; it runs until disposed. <paramref name="output"/> gets one line
    /// per event (written from the driver's own task).</summary>
    public static DemoDriver Start(SandboxHost host, DemoOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        return new DemoDriver(host, options, output);
    }

    /// <summary>One line per integration: orders placed, created in the shop by the hub, completed by the merchant,
    /// shipped on the marketplace by the hub, and cancelled on either side.</summary>
    public IReadOnlyList<string> Summary()
    {
        lock (_gate)
        {
            return [.. _lanes.Select(lane => string.Create(
                CultureInfo.InvariantCulture,
                $"{lane.Name}: {lane.Orders.Count} placed, {lane.Orders.Count(o => o.InShop is not null)} in shop, {lane.Orders.Count(o => o.Completed)} completed, {lane.Orders.Count(o => o.Shipped)} shipped, {lane.Orders.Count(o => o.MarketplaceCancelled || o.ShopCancelled)} cancelled"))];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the next tick: the normal way out.
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Off the caller's thread: the first tick places orders at once.
        await Task.Yield();
        using var timer = new PeriodicTimer(_options.Tick);
        do
        {
            try
            {
                lock (_gate)
                {
                    Tick(DateTimeOffset.UtcNow);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Say($"stopped by an error: {e}");
                throw;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private void Tick(DateTimeOffset now)
    {
        if (now >= _nextPlacement && _placedPerMarketplace < _options.MaxOrdersPerMarketplace)
        {
            foreach (var lane in _lanes)
            {
                Place(lane, now);
            }

            if (++_placedPerMarketplace == _options.MaxOrdersPerMarketplace)
            {
                Say($"{_placedPerMarketplace} orders placed per marketplace; no new orders from now on");
            }

            _nextPlacement = now + _options.PlaceEvery;
        }

        foreach (var lane in _lanes)
        {
            Observe(lane, now);
            foreach (var order in lane.Orders)
            {
                Act(lane, order, now);
            }
        }

        // bol confirms shipments and cancellations asynchronously; in the demo it does so at once.
        _host.Orders.CompleteBolProcesses();

        if (now >= _nextSummary)
        {
            foreach (var line in Summary())
            {
                Say(line);
            }

            _nextSummary = now + _options.SummaryEvery;
        }
    }

    private void Place(DemoLane lane, DateTimeOffset now)
    {
        var plan = lane.PlanFor(lane.Orders.Count);
        var (id, summary) = lane.Place();
        lane.Orders.Add(new DemoOrder(id, plan, now));
        Say($"{lane.Marketplace} {id}: new order ({summary}); {DemoPlans.Describe(plan, lane.Marketplace, lane.MarketplaceLabel)}");
    }

    /// <summary>Notes what the hub did since the last tick: orders it created in the shop, shipments and cancellations
    /// it sent to the marketplace, shop orders it cancelled.</summary>
    private void Observe(DemoLane lane, DateTimeOffset now)
    {
        var shopOrders = new Dictionary<string, SandboxShopOrder>(StringComparer.Ordinal);
        foreach (var shopOrder in lane.ShopHands.Orders())
        {
            if (MarketplaceOrderIdOf(shopOrder.OrderKey) is { } id)
            {
                shopOrders[id] = shopOrder;
            }
        }

        var marketplace = lane.Observe();
        foreach (var order in lane.Orders)
        {
            if (shopOrders.TryGetValue(order.MarketplaceOrderId, out var shopOrder))
            {
                if (order.InShop is null)
                {
                    order.InShopAt = now;
                    Say($"{lane.Marketplace} {order.MarketplaceOrderId}: created by the hub in {lane.Shop} as #{shopOrder.Ref}");
                }

                order.InShop = shopOrder;
                if (shopOrder.Status == "cancelled" && !order.ShopCancelled)
                {
                    order.ShopCancelled = true;
                    if (order.Plan != DemoPlan.MerchantCancels)
                    {
                        Say($"{lane.Shop} #{shopOrder.Ref}: cancelled by the hub (the customer cancelled on {lane.Marketplace})");
                    }
                }
            }

            if (!marketplace.TryGetValue(order.MarketplaceOrderId, out var view))
            {
                continue;
            }

            if (view.Shipped && !order.Shipped)
            {
                order.Shipped = true;
                var tracking = order.InShop?.Tracking.FirstOrDefault();
                Say((lane.MarketplaceLabel && !view.TrackingSent, tracking) switch
                {
                    (true, _) => $"{lane.Marketplace} {order.MarketplaceOrderId}: shipped under {lane.Marketplace}'s own label (the carrier scanned it)",
                    (false, null) => $"{lane.Marketplace} {order.MarketplaceOrderId}: shipped by the hub without a tracking code",
                    (false, { } code) => $"{lane.Marketplace} {order.MarketplaceOrderId}: shipped by the hub with tracking {code.Number}",
                });
            }

            if (view.Cancelled && !order.MarketplaceCancelled)
            {
                order.MarketplaceCancelled = true;
                if (order.Plan != DemoPlan.CustomerCancels)
                {
                    Say($"{lane.Marketplace} {order.MarketplaceOrderId}: cancelled by the hub (the merchant cancelled in {lane.Shop})");
                }
            }
        }
    }

    /// <summary>The merchant's or the customer's move, once the order has been in the shop for the handling delay.</summary>
    private void Act(DemoLane lane, DemoOrder order, DateTimeOffset now)
    {
        if (order.InShop is not { } shopOrder || order.InShopAt is not { } inShopAt)
        {
            return;
        }

        try
        {
            if (order.ActedAt is null && now >= inShopAt + _options.HandlingDelay)
            {
                order.ActedAt = now;
                switch (order.Plan)
                {
                    case DemoPlan.WithTracking:
                        var tracking = _host.Orders.NewTracking(shopOrder.OrderKey, carrier: null);
                        lane.ShopHands.Complete(shopOrder.Ref, tracking);
                        order.Completed = true;
                        Say($"{lane.Shop} #{shopOrder.Ref}: completed by the merchant with tracking {tracking.Number} ({tracking.Carrier})");
                        break;
                    case DemoPlan.LateTracking:
                        lane.ShopHands.Complete(shopOrder.Ref, tracking: null);
                        order.Completed = true;
                        Say($"{lane.Shop} #{shopOrder.Ref}: completed by the merchant without a tracking code; the code follows later");
                        break;
                    case DemoPlan.NoTracking:
                        lane.ShopHands.Complete(shopOrder.Ref, tracking: null);
                        order.Completed = true;
                        Say(lane.MarketplaceLabel
                            ? $"{lane.Shop} #{shopOrder.Ref}: completed by the merchant without a code of its own; {lane.Marketplace}'s label applies, so the hub ships at once"
                            : $"{lane.Shop} #{shopOrder.Ref}: completed by the merchant without a tracking code; the hub ships without one when its wait ends");
                        break;
                    case DemoPlan.MerchantCancels:
                        lane.ShopHands.Cancel(shopOrder.Ref);
                        Say($"{lane.Shop} #{shopOrder.Ref}: cancelled by the merchant");
                        break;
                    case DemoPlan.CustomerCancels:
                        lane.CustomerCancel(order.MarketplaceOrderId);
                        Say($"{lane.Marketplace} {order.MarketplaceOrderId}: cancelled by the customer");
                        break;
                }
            }
            else if (order is { Plan: DemoPlan.NoTracking, Shipped: false, ActedAt: { } shippedAt } && lane.CarrierScan is { } scan && now >= shippedAt + _options.LateTrackingDelay)
            {
                // The package went under the marketplace's own label: its carrier's first scan marks it Shipped.
                scan(order.MarketplaceOrderId);
            }
            else if (order is { Plan: DemoPlan.LateTracking, LateTrackingAdded: false, ActedAt: { } completedAt } && now >= completedAt + _options.LateTrackingDelay)
            {
                order.LateTrackingAdded = true;
                var tracking = _host.Orders.NewTracking(shopOrder.OrderKey, carrier: null);
                lane.ShopHands.AddTracking(shopOrder.Ref, tracking);
                Say($"{lane.Shop} #{shopOrder.Ref}: tracking {tracking.Number} ({tracking.Carrier}) added late by the merchant");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
        {
            // The platform refused the move (the order moved on meanwhile, say): shown, and the demo goes on.
            Say($"{lane.Shop} #{shopOrder.Ref}: {e.Message}");
        }
    }

    /// <summary>The marketplace order id in the hub's order key (<c>{integrationId}:{marketplaceOrderId}</c>, percent-encoded).</summary>
    private static string? MarketplaceOrderIdOf(string? orderKey)
    {
        var colon = orderKey?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 ? Uri.UnescapeDataString(orderKey![(colon + 1)..]) : null;
    }

    private void Say(string line) =>
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss} demo: {line}"));
}

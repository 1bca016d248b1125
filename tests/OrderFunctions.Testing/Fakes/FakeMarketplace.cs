using System.Globalization;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Testing.Fakes;

/// <summary>
/// An in-memory marketplace behind <see cref="IMarketplace"/>, true to the port's contract: acknowledging twice, shipping
/// an order already shipped and cancelling lines already cancelled change nothing (line quantities to cancel are
/// targets, the cancelled total wanted, as the real connectors read them). With <see cref="AsyncShipments"/>
/// a push answers Pending and the marketplace settles it on its own after <see cref="ConfirmationDelay"/> (bol.com's
/// process status): the order then shows shipped, or, with <see cref="RejectShipments"/>, the process fails and the
/// order stays open. <see cref="Effects"/> records every change; <see cref="Shipments"/> every shipment actually sent.
/// </summary>
public sealed class FakeMarketplace(FaultInjector faults, TimeProvider time) : IMarketplace
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MarketplaceOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<RemoteEffect> _effects = [];
    private readonly Dictionary<string, (string OrderId, DateTimeOffset DueAt, ShipmentProgress? Outcome)> _processes = new(StringComparer.Ordinal);
    private readonly ChangeClock _clock = new(time);

    public const string Platform = "marketplace";

    /// <summary>Status an acknowledged order moves to (Trendyol: Picking).</summary>
    public string AcknowledgedStatus { get; set; } = "Picking";

    /// <summary>Status a shipped order shows (null: unchanged until the carrier scans, as on Trendyol).</summary>
    public string? ShippedStatus { get; set; } = "Shipped";

    public bool AsyncShipments { get; set; }

    public TimeSpan ConfirmationDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public bool RejectShipments { get; set; }

    /// <summary>How often the outcome of a pending shipment was asked for.</summary>
    public int ProgressChecks { get; private set; }

    public int PageSize { get; set; } = 50;

    public IReadOnlyList<RemoteEffect> Effects
    {
        get
        {
            lock (_gate)
            {
                return [.. _effects];
            }
        }
    }

    public IReadOnlyList<RemoteEffect> Shipments => [.. Effects.Where(e => e.Operation == "ship")];

    public MarketplaceOrder Order(string orderId)
    {
        lock (_gate)
        {
            return _orders[orderId];
        }
    }

    // ---- What customers and the marketplace itself do ---------------------------------------------------------

    /// <summary>A customer places an order (or the marketplace re-reports one): it becomes visible to the next poll —
    /// or, with <paramref name="changedAt"/> in the past, only to a poll whose window reaches back that far.</summary>
    public MarketplaceOrder Place(MarketplaceOrder order, DateTimeOffset? changedAt = null)
    {
        lock (_gate)
        {
            var placed = order with { LastChangedAt = changedAt ?? _clock.Next() };
            _orders[order.OrderId] = placed;
            return placed;
        }
    }

    public MarketplaceOrder SetStatus(string orderId, string status) => Change(orderId, o => o with { Status = status });

    /// <summary>The customer or the marketplace cancels the whole order.</summary>
    public MarketplaceOrder CancelByMarketplace(string orderId) =>
        Change(orderId, o => o with { Status = "Cancelled", Lines = [.. o.Lines.Select(l => l with { QuantityCancelled = l.Quantity })] });

    // ---- IMarketplace -----------------------------------------------------------------------------------------

    public async Task<MarketplaceOrderPage> ListChangedOrdersAsync(DateTimeOffset since, DateTimeOffset until, string? pageToken, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.MarketplaceList, cancellationToken);
        var skip = pageToken is null ? 0 : int.Parse(pageToken, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            SettleDueShipments();
            var changed = _orders.Values.Where(o => o.LastChangedAt >= since && o.LastChangedAt < until).OrderBy(o => o.LastChangedAt).ToList();
            var page = changed.Skip(skip).Take(PageSize).ToList();
            var next = skip + page.Count < changed.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return new MarketplaceOrderPage(page, next);
        }
    }

    public async Task<MarketplaceOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.MarketplaceGet, cancellationToken);
        lock (_gate)
        {
            SettleDueShipments();
            return _orders.GetValueOrDefault(orderId);
        }
    }

    public async Task AcknowledgeAsync(MarketplaceOrder order, string? invoiceNumber, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.MarketplaceAcknowledge, cancellationToken);
        lock (_gate)
        {
            var current = _orders[order.OrderId];
            if (!current.Acknowledged)
            {
                var status = current.Status == "Created" ? AcknowledgedStatus : current.Status;
                _orders[order.OrderId] = current with { Acknowledged = true, Status = status, LastChangedAt = _clock.Next() };
                _effects.Add(new RemoteEffect("acknowledge", order.OrderId, status, _orders[order.OrderId].LastChangedAt));
            }
        }

        faults.After(FakeOperations.MarketplaceAcknowledge);
    }

    public async Task<ShipmentPushResult> PushShipmentAsync(MarketplaceOrder order, ShipmentInfo shipment, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.MarketplacePushShipment, cancellationToken);
        ShipmentPushResult result;
        lock (_gate)
        {
            SettleDueShipments();
            var pending = _processes.FirstOrDefault(p => p.Value.OrderId == order.OrderId && p.Value.Outcome is null);
            if (pending.Key is not null)
            {
                result = new ShipmentPushResult(ShipmentProgress.Pending, pending.Key);
            }
            else if (_processes.Values.Any(p => p.OrderId == order.OrderId && p.Outcome == ShipmentProgress.Failed))
            {
                result = new ShipmentPushResult(ShipmentProgress.Failed, Error: "the shipment was rejected");
            }
            else if (_effects.Any(e => e.Operation == "ship" && e.Order == order.OrderId))
            {
                result = ShipmentPushResult.Done;
            }
            else
            {
                var at = _clock.Next();
                _effects.Add(new RemoteEffect("ship", order.OrderId, $"{shipment.CarrierCode ?? "-"} {shipment.TrackingCode ?? "(no tracking)"}", at));
                if (AsyncShipments)
                {
                    var processId = "proc-" + order.OrderId;
                    _processes[processId] = (order.OrderId, time.GetUtcNow() + ConfirmationDelay, null);
                    result = new ShipmentPushResult(ShipmentProgress.Pending, processId);
                }
                else
                {
                    MarkShipped(order.OrderId, shipment.TrackingCode);
                    result = ShipmentPushResult.Done;
                }
            }
        }

        faults.After(FakeOperations.MarketplacePushShipment);
        return result;
    }

    public async Task<ShipmentPushResult> GetShipmentProgressAsync(string processId, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.MarketplaceShipmentProgress, cancellationToken);
        lock (_gate)
        {
            ProgressChecks++;
            SettleDueShipments();
            return _processes.TryGetValue(processId, out var process)
                ? process.Outcome switch
                {
                    ShipmentProgress.Done => ShipmentPushResult.Done,
                    ShipmentProgress.Failed => new ShipmentPushResult(ShipmentProgress.Failed, processId, "the shipment was rejected"),
                    _ => new ShipmentPushResult(ShipmentProgress.Pending, processId),
                }
                : new ShipmentPushResult(ShipmentProgress.Failed, Error: $"unknown process {processId}");
        }
    }

    public async Task CancelLinesAsync(MarketplaceOrder order, IReadOnlyList<LineQuantity> lines, CancellationReason reason, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.MarketplaceCancelLines, cancellationToken);
        lock (_gate)
        {
            var current = _orders[order.OrderId];
            var cancelled = current.Lines.Select(l => lines.FirstOrDefault(c => c.LineId == l.LineId) is { } c && l.QuantityCancelled < l.Quantity
                ? l with { QuantityCancelled = Math.Max(l.QuantityCancelled, Math.Min(l.Quantity, c.Quantity)) }
                : l).ToList();
            if (!cancelled.SequenceEqual(current.Lines))
            {
                var status = cancelled.All(l => l.QuantityCancelled >= l.Quantity) ? "Cancelled" : current.Status;
                _orders[order.OrderId] = current with { Lines = cancelled, Status = status, LastChangedAt = _clock.Next() };
                _effects.Add(new RemoteEffect("cancel-lines", order.OrderId, reason.ToString(), _orders[order.OrderId].LastChangedAt));
            }
        }

        faults.After(FakeOperations.MarketplaceCancelLines);
    }

    public Task UpdateStockAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The marketplace works through pending shipments in its own time (called under the lock).</summary>
    private void SettleDueShipments()
    {
        var now = time.GetUtcNow();
        foreach (var (processId, process) in _processes.Where(p => p.Value.Outcome is null && p.Value.DueAt <= now).ToList())
        {
            _processes[processId] = process with { Outcome = RejectShipments ? ShipmentProgress.Failed : ShipmentProgress.Done };
            if (!RejectShipments)
            {
                MarkShipped(process.OrderId, trackingCode: null, at: process.DueAt);
            }
        }
    }

    /// <param name="at">When the marketplace shipped it: now, or when a pending process settled.</param>
    private void MarkShipped(string orderId, string? trackingCode, DateTimeOffset? at = null)
    {
        if (ShippedStatus is { } status)
        {
            var current = _orders[orderId];
            _orders[orderId] = current with
            {
                Status = status,
                TrackingCode = trackingCode ?? current.TrackingCode,
                Lines = [.. current.Lines.Select(l => l with { QuantityShipped = l.Quantity - l.QuantityCancelled })],
                LastChangedAt = at is { } settled ? new DateTimeOffset(settled.UtcTicks - (settled.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero) : _clock.Next(),
            };
        }
    }

    private MarketplaceOrder Change(string orderId, Func<MarketplaceOrder, MarketplaceOrder> change)
    {
        lock (_gate)
        {
            _orders[orderId] = change(_orders[orderId]) with { LastChangedAt = _clock.Next() };
            return _orders[orderId];
        }
    }
}

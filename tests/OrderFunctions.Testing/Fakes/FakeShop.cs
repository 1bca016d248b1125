using System.Globalization;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Testing.Fakes;

/// <summary>
/// An in-memory web shop behind <see cref="IShop"/>, true to the port's contract: creating is idempotent by order key
/// (a find, then — after <see cref="CreateRaceWindow"/>, as on a real shop — the insert: concurrent creates can
/// duplicate, which is what the workflow's lease must prevent); same status and already cancelled are no-ops; stock
/// moves only by creating (decrement) and cancelling (restock). <see cref="Effects"/> records every change.
/// </summary>
public sealed class FakeShop(FaultInjector faults, TimeProvider time) : IShop
{
    private readonly Lock _gate = new();
    private readonly List<ShopOrder> _orders = [];
    private readonly List<RemoteEffect> _effects = [];
    private readonly Dictionary<string, int> _stock = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<(string Sku, int Quantity)>> _taken = new(StringComparer.Ordinal);
    private readonly ChangeClock _clock = new(time);

    public const string Platform = "shop";

    /// <summary>Time between the "does it exist?" read and the insert of a create.</summary>
    public TimeSpan CreateRaceWindow { get; set; }

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

    public IReadOnlyList<ShopOrder> Orders
    {
        get
        {
            lock (_gate)
            {
                return [.. _orders];
            }
        }
    }

    public ShopOrder? ByKey(string orderKey)
    {
        lock (_gate)
        {
            return _orders.FirstOrDefault(o => o.OrderKey == orderKey);
        }
    }

    public void SetStock(string sku, int quantity)
    {
        lock (_gate)
        {
            _stock[sku] = quantity;
        }
    }

    public int Stock(string sku)
    {
        lock (_gate)
        {
            return _stock.GetValueOrDefault(sku);
        }
    }

    // ---- What the merchant does in the shop -------------------------------------------------------------------

    /// <summary>The merchant completes the order, with a tracking entry when given.</summary>
    public ShopOrder Complete(string orderKey, string? trackingNumber = null, string? carrier = "PostNL") =>
        Change(orderKey, o => o with
        {
            Status = "completed",
            Tracking = trackingNumber is null ? o.Tracking : [.. o.Tracking, new ShopTracking(trackingNumber, carrier, null)],
        });

    public ShopOrder AddTracking(string orderKey, string trackingNumber, string? carrier = "PostNL") =>
        Change(orderKey, o => o with { Tracking = [.. o.Tracking, new ShopTracking(trackingNumber, carrier, null)] });

    /// <summary>The merchant sets a status. With <paramref name="sameModifiedAt"/> the shop reports the change under the
    /// modification time it already showed, as WooCommerce and Shopify do for a change within the same second (their
    /// times are whole seconds).</summary>
    public ShopOrder SetStatusByMerchant(string orderKey, string status, bool sameModifiedAt = false) =>
        Change(orderKey, o => o with { Status = status }, sameModifiedAt);

    // ---- IShop ---------------------------------------------------------------------------------------------------

    public async Task<ShopOrder> CreateOrderAsync(ShopOrderDraft draft, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.ShopCreate, cancellationToken);
        if (ByKey(draft.OrderKey) is { } existing)
        {
            faults.After(FakeOperations.ShopCreate);
            return existing;
        }

        if (CreateRaceWindow > TimeSpan.Zero)
        {
            await Task.Delay(CreateRaceWindow, cancellationToken);
        }

        ShopOrder created;
        lock (_gate)
        {
            created = new ShopOrder
            {
                ShopOrderId = "S" + (_orders.Count + 1).ToString(CultureInfo.InvariantCulture),
                OrderKey = draft.OrderKey,
                Status = draft.Status,
                ModifiedAt = _clock.Next(),
            };
            _orders.Add(created);
            if (draft.DecrementStock)
            {
                var taken = draft.Source.Lines.Select(l => (l.Sku, l.Quantity)).ToList();
                Move(taken, -1);
                _taken[created.ShopOrderId] = taken;
            }

            _effects.Add(new RemoteEffect("create", draft.OrderKey, $"{created.ShopOrderId} in '{draft.Status}'{(draft.DecrementStock ? ", stock decreased" : "")}", created.ModifiedAt));
        }

        faults.After(FakeOperations.ShopCreate);
        return created;
    }

    public async Task<ShopOrder?> FindByOrderKeyAsync(string orderKey, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.ShopFind, cancellationToken);
        return ByKey(orderKey);
    }

    public async Task<ShopOrder?> GetOrderAsync(string shopOrderId, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.ShopGet, cancellationToken);
        lock (_gate)
        {
            return _orders.FirstOrDefault(o => o.ShopOrderId == shopOrderId);
        }
    }

    public async Task<ShopOrderPage> ListChangedOrdersAsync(DateTimeOffset since, string? pageToken, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.ShopList, cancellationToken);
        var skip = pageToken is null ? 0 : int.Parse(pageToken, CultureInfo.InvariantCulture);
        lock (_gate)
        {
            var changed = _orders.Where(o => o.ModifiedAt >= since).OrderBy(o => o.ModifiedAt).ToList();
            var page = changed.Skip(skip).Take(PageSize).ToList();
            var next = skip + page.Count < changed.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
            return new ShopOrderPage(page, next);
        }
    }

    public async Task UpdateStatusAsync(string shopOrderId, string status, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.ShopUpdateStatus, cancellationToken);
        lock (_gate)
        {
            var index = IndexOf(shopOrderId);
            if (!string.Equals(_orders[index].Status, status, StringComparison.OrdinalIgnoreCase))
            {
                _orders[index] = _orders[index] with { Status = status, ModifiedAt = _clock.Next() };
                _effects.Add(new RemoteEffect("update-status", _orders[index].OrderKey ?? shopOrderId, status, _orders[index].ModifiedAt));
            }
        }

        faults.After(FakeOperations.ShopUpdateStatus);
    }

    public async Task CancelOrderAsync(string shopOrderId, string reason, bool restock, CancellationToken cancellationToken)
    {
        await faults.BeforeAsync(FakeOperations.ShopCancel, cancellationToken);
        lock (_gate)
        {
            var index = IndexOf(shopOrderId);
            if (!string.Equals(_orders[index].Status, "cancelled", StringComparison.OrdinalIgnoreCase))
            {
                _orders[index] = _orders[index] with { Status = "cancelled", ModifiedAt = _clock.Next() };
                var restocked = false;
                if (restock && _taken.Remove(shopOrderId, out var taken))
                {
                    Move(taken, +1);
                    restocked = true;
                }

                _effects.Add(new RemoteEffect("cancel", _orders[index].OrderKey ?? shopOrderId, restocked ? "restocked" : "not restocked", _orders[index].ModifiedAt));
            }
        }

        faults.After(FakeOperations.ShopCancel);
    }

    public Task<IReadOnlyList<StockLevel>> GetStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StockLevel>>([.. skus.Where(_stock.ContainsKey).Select(s => new StockLevel(s, _stock[s]))]);
        }
    }

    private ShopOrder Change(string orderKey, Func<ShopOrder, ShopOrder> change, bool sameModifiedAt = false)
    {
        lock (_gate)
        {
            var index = _orders.FindIndex(o => o.OrderKey == orderKey);
            if (index < 0)
            {
                throw new InvalidOperationException($"The fake shop has no order {orderKey}.");
            }

            var changed = change(_orders[index]);
            _orders[index] = sameModifiedAt ? changed : changed with { ModifiedAt = _clock.Next() };
            return _orders[index];
        }
    }

    private void Move(IEnumerable<(string Sku, int Quantity)> lines, int sign)
    {
        foreach (var (sku, quantity) in lines)
        {
            _stock[sku] = _stock.GetValueOrDefault(sku) + (sign * quantity);
        }
    }

    private int IndexOf(string shopOrderId)
    {
        var index = _orders.FindIndex(o => o.ShopOrderId == shopOrderId);
        return index >= 0 ? index : throw new ConnectorException(Platform, $"shop order {shopOrderId} does not exist", isTransient: false, httpStatus: 404, orderId: shopOrderId);
    }
}

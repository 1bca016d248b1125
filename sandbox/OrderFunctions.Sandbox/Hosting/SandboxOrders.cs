using System.Globalization;
using OrderFunctions.Sandbox.Trendyol;

namespace OrderFunctions.Sandbox.Hosting;

/// <summary>A Trendyol order the sandbox added (one package).</summary>
public sealed record AddedTrendyolOrder(string OrderNumber, long PackageId, int Lines, decimal Total);

/// <summary>A bol order the sandbox added.</summary>
public sealed record AddedBolOrder(string OrderId, IReadOnlyList<string> OrderItemIds, decimal Total);

/// <summary>What the sandbox can do to its simulators — the control API's operations, each through the simulators'
/// own State APIs: add random marketplace orders, cancel them as the customer or the marketplace would, and act as
/// the merchant in the shops. Thread-safe.</summary>
public sealed class SandboxOrders
{
    public const int MaxOrdersPerCall = 1000;

    private static readonly HashSet<string> TrendyolCancellable = new(StringComparer.Ordinal)
    {
        TrendyolStatuses.Awaiting, TrendyolStatuses.Created, TrendyolStatuses.Picking, TrendyolStatuses.Invoiced,
    };

    private readonly SandboxHost _host;
    private readonly SandboxOrderGenerator _generator;
    private readonly Lock _gate = new();
    private readonly List<string> _trendyolOrders = [];
    private readonly HashSet<string> _trendyolOrderSet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<string>> _bolOrders = new(StringComparer.Ordinal);
    private readonly Random _tracking = new();

    internal SandboxOrders(SandboxHost host, SandboxOrderGenerator generator)
    {
        _host = host;
        _generator = generator;
        WooCommerce = new WooCommerceSandboxShop(host.WooCommerce);
        Shopify = new ShopifySandboxShop(host.Shopify);
    }

    internal ISandboxShop WooCommerce { get; }

    internal ISandboxShop Shopify { get; }

    /// <summary>Order numbers added through the sandbox, oldest first.</summary>
    public IReadOnlyList<string> TrendyolOrders
    {
        get
        {
            lock (_gate)
            {
                return [.. _trendyolOrders];
            }
        }
    }

    /// <summary>Order ids added through the sandbox with their item ids.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> BolOrders
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, IReadOnlyList<string>>(_bolOrders, StringComparer.Ordinal);
            }
        }
    }

    public IReadOnlyList<AddedTrendyolOrder> AddTrendyolOrders(int count, string? status = null)
    {
        CheckCount(count);
        status ??= TrendyolStatuses.Created;
        if (!TrendyolStatuses.All.Contains(status))
        {
            throw new ArgumentException($"status '{status}' is not a Trendyol status (known: {string.Join(", ", TrendyolStatuses.All)}).");
        }

        lock (_gate)
        {
            var added = new List<AddedTrendyolOrder>(count);
            for (var i = 0; i < count; i++)
            {
                var seed = _generator.NextTrendyolOrder(status);
                var package = _host.Trendyol.State.AddOrder(seed);
                _trendyolOrders.Add(seed.OrderNumber);
                _trendyolOrderSet.Add(seed.OrderNumber);
                added.Add(new AddedTrendyolOrder(seed.OrderNumber, package.Id, seed.Lines.Count, seed.Lines.Sum(l => l.Price * l.Quantity)));
            }

            return added;
        }
    }

    public IReadOnlyList<AddedBolOrder> AddBolOrders(int count)
    {
        CheckCount(count);
        lock (_gate)
        {
            var added = new List<AddedBolOrder>(count);
            for (var i = 0; i < count; i++)
            {
                var seed = _generator.NextBolOrder();
                var items = _host.Bol.State.AddOrder(seed).Select(item => item.OrderItemId).ToList();
                _bolOrders.Add(seed.OrderId, items);
                added.Add(new AddedBolOrder(seed.OrderId, items, seed.Items.Sum(item => item.UnitPrice * item.Quantity)));
            }

            return added;
        }
    }

    /// <summary>The customer cancels on Trendyol: every package not yet shipped becomes Cancelled.</summary>
    public IReadOnlyList<TrendyolPackageView> CancelTrendyolOrder(string orderNumber)
    {
        var packages = _host.Trendyol.State.PackagesOf(orderNumber);
        if (packages.Count == 0)
        {
            throw new KeyNotFoundException($"Trendyol has no order '{orderNumber}'.");
        }

        var cancellable = packages.Where(p => TrendyolCancellable.Contains(p.Status)).ToList();
        if (cancellable.Count == 0)
        {
            throw new InvalidOperationException($"Trendyol order '{orderNumber}' has no package left to cancel ({string.Join(", ", packages.Select(p => p.Status))}).");
        }

        foreach (var package in cancellable)
        {
            _host.Trendyol.State.SetStatus(package.Id, TrendyolStatuses.Cancelled);
        }

        return _host.Trendyol.State.PackagesOf(orderNumber);
    }

    /// <summary>bol or the customer cancels every open item (<paramref name="requestOnly"/>: the customer only asks, and
    /// the seller decides).</summary>
    public IReadOnlyList<Bol.BolItemView> CancelBolOrder(string orderId, bool requestOnly)
    {
        var items = BolItems(orderId).Where(i => i.Quantity - i.QuantityShipped - i.QuantityCancelled > 0).ToList();
        if (items.Count == 0)
        {
            throw new InvalidOperationException($"bol order '{orderId}' has no open item left to cancel.");
        }

        foreach (var item in items)
        {
            if (requestOnly)
            {
                _host.Bol.State.RequestCancellation(item.OrderItemId);
            }
            else
            {
                _host.Bol.State.MarkCancelled(item.OrderItemId);
            }
        }

        return BolItems(orderId);
    }

    /// <summary>Every bol process still PENDING completes now (the demo does not wait for the connector's polls).</summary>
    public void CompleteBolProcesses() => _host.Bol.State.CompletePendingProcesses();

    /// <summary>A plausible code for the carrier a merchant would use for the order's marketplace: Yurtiçi Kargo for
    /// Trendyol orders (Trendyol provider YKMP), PostNL 3S codes otherwise (bol transporter TNT).</summary>
    internal SandboxTracking NewTracking(string? orderKey, string? carrier)
    {
        lock (_gate)
        {
            var marketplaceOrderId = orderKey?[(orderKey.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (marketplaceOrderId is not null && _trendyolOrderSet.Contains(Uri.UnescapeDataString(marketplaceOrderId)))
            {
                return new SandboxTracking(string.Create(CultureInfo.InvariantCulture, $"{_tracking.NextInt64(100_000_000_000, 999_999_999_999)}"), carrier ?? "Yurtiçi Kargo");
            }

            var letters = string.Concat(Enumerable.Range(0, 4).Select(_ => (char)('A' + _tracking.Next(26))));
            return new SandboxTracking(string.Create(CultureInfo.InvariantCulture, $"3S{letters}{_tracking.Next(100_000_000, 999_999_999)}"), carrier ?? "PostNL");
        }
    }

    private IReadOnlyList<Bol.BolItemView> BolItems(string orderId)
    {
        try
        {
            return _host.Bol.State.ItemsOf(orderId);
        }
        catch (KeyNotFoundException)
        {
            throw new KeyNotFoundException($"bol has no order '{orderId}'.");
        }
    }

    private static void CheckCount(int count)
    {
        if (count is < 1 or > MaxOrdersPerCall)
        {
            throw new ArgumentException($"count must be 1-{MaxOrdersPerCall}, not {count}.");
        }
    }
}

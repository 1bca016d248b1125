namespace OrderFunctions.Workflow.Ports;

/// <summary>
/// A web shop (DESIGN D7). Creation is idempotent: an order already carrying the same
/// <see cref="ShopOrderDraft.OrderKey"/> is returned instead of a second one being created.
/// Failures throw <see cref="ConnectorException"/>.
/// </summary>
public interface IShop
{
    Task<ShopOrder> CreateOrderAsync(ShopOrderDraft draft, CancellationToken cancellationToken);

    Task<ShopOrder?> FindByOrderKeyAsync(string orderKey, CancellationToken cancellationToken);

    Task<ShopOrder?> GetOrderAsync(string shopOrderId, CancellationToken cancellationToken);

    /// <summary>Orders modified at or after <paramref name="since"/>, one page at a time (only the hub's own orders
    /// need be returned, but others are harmless: they have no <see cref="ShopOrder.OrderKey"/>).</summary>
    Task<ShopOrderPage> ListChangedOrdersAsync(DateTimeOffset since, string? pageToken, CancellationToken cancellationToken);

    /// <summary>Sets the shop status (any status the shop knows, custom ones included). Same status: no-op.</summary>
    Task UpdateStatusAsync(string shopOrderId, string status, CancellationToken cancellationToken);

    /// <summary>Cancels the order, returning its items to stock when <paramref name="restock"/>. Already cancelled: no-op.</summary>
    Task CancelOrderAsync(string shopOrderId, string reason, bool restock, CancellationToken cancellationToken);

    /// <summary>Current stock of the given SKUs (unknown SKUs are left out).</summary>
    Task<IReadOnlyList<StockLevel>> GetStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken);
}

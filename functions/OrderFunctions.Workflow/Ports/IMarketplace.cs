namespace OrderFunctions.Workflow.Ports;

/// <summary>
/// A marketplace account (DESIGN D7). Every method is safe to call again after a crash or a lost reply:
/// implementations look at the remote state first where the API would otherwise act twice.
/// Failures throw <see cref="ConnectorException"/>.
/// </summary>
public interface IMarketplace
{
    /// <summary>Orders changed in [<paramref name="since"/>, <paramref name="until"/>), one page at a time.
    /// Implementations split long windows as the API requires (e.g. Trendyol's 2-week limit).</summary>
    Task<MarketplaceOrderPage> ListChangedOrdersAsync(DateTimeOffset since, DateTimeOffset until, string? pageToken, CancellationToken cancellationToken);

    /// <summary>The order as it is now, or null when the marketplace does not know it.</summary>
    Task<MarketplaceOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Tells the marketplace the seller accepted the order ("approve on receipt": Trendyol Picking, and
    /// Invoiced when <paramref name="invoiceNumber"/> is given). No-op where the marketplace has no such step (bol).</summary>
    Task AcknowledgeAsync(MarketplaceOrder order, string? invoiceNumber, CancellationToken cancellationToken);

    /// <summary>Sends carrier and tracking for every open line and closes the order on the marketplace's side.
    /// Already shipped with the same tracking: returns Done without sending again.</summary>
    Task<ShipmentPushResult> PushShipmentAsync(MarketplaceOrder order, ShipmentInfo shipment, CancellationToken cancellationToken);

    /// <summary>Progress of an asynchronous push (bol process status).</summary>
    Task<ShipmentPushResult> GetShipmentProgressAsync(string processId, CancellationToken cancellationToken);

    /// <summary>Cancels lines (Trendyol unsupplied, bol cancellation). Each <see cref="LineQuantity.Quantity"/> is the
    /// line's cancelled total wanted, not an amount to add: units already cancelled count towards it, so calling again
    /// with the same targets cancels nothing more.</summary>
    Task CancelLinesAsync(MarketplaceOrder order, IReadOnlyList<LineQuantity> lines, CancellationReason reason, CancellationToken cancellationToken);

    /// <summary>Sets absolute stock levels for the seller's SKUs.</summary>
    Task UpdateStockAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken);
}

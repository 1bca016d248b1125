using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Orders.Execution;

/// <summary>
/// Performs one <see cref="OrderEffect"/> through the ports and returns its outcome as an event. Each effect is safe
/// to repeat: the ports' own contracts (idempotent create by order key, same status/tracking/cancellation is a no-op)
/// plus a look at the remote side where the decision depends on it (a status update re-reads the shop order first).
/// </summary>
internal sealed class EffectPerformer(IConnectorFactory connectors, ICarrierCodeResolver carriers, IntegrationRecord integration)
{
    private IMarketplace? _marketplace;
    private IShop? _shop;

    public async Task<OrderEvent> PerformAsync(OrderEffect effect, OrderState state, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case CreateShopOrder create:
                var draft = new ShopOrderDraft
                {
                    OrderKey = state.Key.Value,
                    Marketplace = state.Marketplace,
                    Source = state.MarketplaceOrder,
                    Status = create.Status,
                    DecrementStock = create.DecrementStock,
                    ShippingVatRate = integration.Integration.Settings.ShipmentVatRate,
                };
                return new ShopOrderCreated(await (await ShopAsync(cancellationToken)).CreateOrderAsync(draft, cancellationToken));

            case UpdateShopStatus update:
                var shop = await ShopAsync(cancellationToken);
                var shopOrderId = RequireShopOrder(state);
                if (update.ExpectedCurrentStatus is { } expected)
                {
                    var current = await shop.GetOrderAsync(shopOrderId, cancellationToken)
                        ?? throw new ConnectorException(integration.Integration.Shop.Kind, $"Shop order {shopOrderId} of order {state.Key} no longer exists.", isTransient: false, orderId: shopOrderId);
                    if (Same(current.Status, update.Status))
                    {
                        return new ShopStatusUpdated(update.Status);
                    }

                    if (!Same(current.Status, expected))
                    {
                        return new ShopOrderSeen(current);
                    }
                }

                await shop.UpdateStatusAsync(shopOrderId, update.Status, cancellationToken);
                return new ShopStatusUpdated(update.Status);

            case CancelShopOrder cancel:
                var cancelShop = await ShopAsync(cancellationToken);
                var toCancel = state.ShopOrderId ?? (await cancelShop.FindByOrderKeyAsync(state.Key.Value, cancellationToken))?.ShopOrderId;
                if (toCancel is not null)
                {
                    var reason = state.Status == OrderStatus.Rejected ? $"Rejected by the operator ({state.RejectionReason})" : $"Cancelled on {state.Marketplace}";
                    await cancelShop.CancelOrderAsync(toCancel, reason, cancel.Restock, cancellationToken);
                }

                return new ShopOrderCancelled();

            case AcknowledgeOnMarketplace:
                await (await MarketplaceAsync(cancellationToken)).AcknowledgeAsync(state.MarketplaceOrder, invoiceNumber: null, cancellationToken);
                return new MarketplaceAcknowledged();

            case CancelOnMarketplace cancelLines:
                // Targets, not deltas: every unit not shipped ends cancelled, however much of it (an earlier attempt, the
                // marketplace itself) already is — so a repeated or retried cancellation cannot cancel twice.
                var targets = state.MarketplaceOrder.Lines
                    .Where(l => l.Quantity - l.QuantityShipped > l.QuantityCancelled)
                    .Select(l => new LineQuantity(l.LineId, l.Quantity - l.QuantityShipped))
                    .ToList();
                if (targets.Count > 0)
                {
                    await (await MarketplaceAsync(cancellationToken)).CancelLinesAsync(state.MarketplaceOrder, targets, cancelLines.Reason, cancellationToken);
                }

                return new MarketplaceLinesCancelled();

            case PushShipment push:
                var shipment = new ShipmentInfo
                {
                    TrackingCode = push.Tracking?.Code,
                    CarrierCode = push.Tracking is { } tracking ? carriers.ResolveCarrierCode(integration.Integration, tracking.Carrier, tracking.Code) : null,
                    TrackingUrl = push.Tracking?.Url,
                    ShipmentReference = state.ShopOrderId ?? state.Key.MarketplaceOrderId,
                };
                return new ShipmentPushed(await (await MarketplaceAsync(cancellationToken)).PushShipmentAsync(state.MarketplaceOrder, shipment, cancellationToken));

            case CheckShipmentProgress check:
                return new ShipmentPushed(await (await MarketplaceAsync(cancellationToken)).GetShipmentProgressAsync(check.ProcessId, cancellationToken));

            default:
                throw new InvalidOperationException($"No way to perform effect '{effect.Name}'.");
        }
    }

    private async Task<IShop> ShopAsync(CancellationToken cancellationToken) =>
        _shop ??= await connectors.GetShopAsync(integration.Integration, cancellationToken);

    private async Task<IMarketplace> MarketplaceAsync(CancellationToken cancellationToken) =>
        _marketplace ??= await connectors.GetMarketplaceAsync(integration.Integration, cancellationToken);

    private static string RequireShopOrder(OrderState state) =>
        state.ShopOrderId ?? throw new InvalidOperationException($"Order {state.Key} has no shop order to update.");

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

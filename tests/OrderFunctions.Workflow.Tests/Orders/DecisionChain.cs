using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Tests.Orders;

/// <summary>
/// Runs the decider the way the executor does — decide, perform the owed effect, feed its outcome back — with the
/// remote side answered by plain rules instead of ports, so whole flows can be checked without I/O.
/// </summary>
internal sealed class DecisionChain(IntegrationSettings settings, StatusMap? map = null)
{
    public DateTimeOffset Now { get; set; } = Samples.T0;

    public StatusMap Map { get; } = map ?? DefaultStatusMaps.For(MarketplaceCatalog.TrendyolDescriptor);

    public List<OrderEffect> Effects { get; } = [];

    public List<OrderMessage> Messages { get; } = [];

    /// <summary>What a shipment push answers.</summary>
    public ShipmentPushResult PushResult { get; set; } = ShipmentPushResult.Done;

    public OrderState Run(OrderState state, OrderEvent @event)
    {
        var context = new DecisionContext(settings, Map, MarketplaceCatalog.TrendyolDescriptor, Now);
        var decision = OrderDecider.Decide(state, @event, context);
        while (true)
        {
            Messages.AddRange(decision.Messages);
            if (decision.Effect is not { } effect)
            {
                return decision.State;
            }

            Effects.Add(effect);
            decision = OrderDecider.Decide(decision.State, Outcome(decision.State, effect), context);
        }
    }

    public OrderState Receive(string status = "Created") =>
        Run(OrderState.Receive(OrderKey.Create("ty-woo", "1001"), MarketplaceCatalog.Trendyol, Samples.MarketplaceOrder(status: status), Now), new OverdueOrderSwept());

    public T Single<T>() => Assert.Single(Effects.OfType<T>());

    private OrderEvent Outcome(OrderState state, OrderEffect effect) => effect switch
    {
        CreateShopOrder create => new ShopOrderCreated(Samples.ShopOrder(status: create.Status, modifiedAt: Now, orderKey: state.Key.Value)),
        UpdateShopStatus update => new ShopStatusUpdated(update.Status),
        CancelShopOrder => new ShopOrderCancelled(),
        AcknowledgeOnMarketplace => new MarketplaceAcknowledged(),
        CancelOnMarketplace => new MarketplaceLinesCancelled(),
        PushShipment or CheckShipmentProgress => new ShipmentPushed(PushResult),
        _ => throw new InvalidOperationException($"No outcome for {effect}"),
    };
}

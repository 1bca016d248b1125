using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Tests.Orders;

/// <summary>The rows (one sample state per status and hold reason, each with the settings it naturally lives under)
/// and columns (every kind of event, including late, duplicate and illegal ones) of the transition table.</summary>
internal static class TransitionTableCases
{
    public static readonly DateTimeOffset Now = Samples.T0;

    public static readonly OrderKey Key = OrderKey.Create("ty-woo", "1001");

    public static readonly StatusMap Map = Samples.TrendyolMapWithGaps();

    public static readonly IntegrationSettings DefaultSettings = new();

    public sealed record StateCase(string Name, OrderState State, IntegrationSettings Settings);

    public sealed record EventCase(string Name, Func<OrderState, OrderEvent> Create);

    public static IReadOnlyList<StateCase> States { get; } = BuildStates();

    public static IReadOnlyList<EventCase> Events { get; } =
    [
        new("mp:duplicate", s => new MarketplaceOrderSeen(s.MarketplaceOrder)),
        new("mp:stale", s => new MarketplaceOrderSeen(Snapshot("Picking", s.MarketplaceOrder.LastChangedAt - TimeSpan.FromMinutes(1)))),
        new("mp:Created", s => new MarketplaceOrderSeen(Snapshot("Created", s.MarketplaceOrder.LastChangedAt + TimeSpan.FromMinutes(1)))),
        new("mp:Picking", s => new MarketplaceOrderSeen(Snapshot("Picking", s.MarketplaceOrder.LastChangedAt + TimeSpan.FromMinutes(1), acknowledged: true))),
        new("mp:Shipped", s => new MarketplaceOrderSeen(Snapshot("Shipped", s.MarketplaceOrder.LastChangedAt + TimeSpan.FromMinutes(1)))),
        new("mp:Cancelled", s => new MarketplaceOrderSeen(Snapshot("Cancelled", s.MarketplaceOrder.LastChangedAt + TimeSpan.FromMinutes(1)))),
        new("shop:completed+tracking", s => new ShopOrderSeen(Samples.ShopOrder(status: "completed", modifiedAt: Now, orderKey: Key.Value, trackingNumber: "3SABCD1234567"))),
        new("shop:completed", s => new ShopOrderSeen(Samples.ShopOrder(status: "completed", modifiedAt: Now, orderKey: Key.Value))),
        new("shop:cancelled", s => new ShopOrderSeen(Samples.ShopOrder(status: "cancelled", modifiedAt: Now, orderKey: Key.Value))),
        new("shop:processing", s => new ShopOrderSeen(Samples.ShopOrder(status: "processing", modifiedAt: Now, orderKey: Key.Value))),
        new("shop:stale", s => new ShopOrderSeen(Samples.ShopOrder(status: "completed", modifiedAt: (s.ShopModifiedAt ?? Now) - TimeSpan.FromHours(1), orderKey: Key.Value))),
        new("deadline:own", s => new TrackingDeadlineReached(s.TrackingDeadline ?? Now - TimeSpan.FromMinutes(1))),
        new("deadline:other", s => new TrackingDeadlineReached(Now - TimeSpan.FromHours(2))),
        new("op:confirm", s => new OperatorConfirmed()),
        new("op:reject", s => new OperatorRejected(CancellationReason.OutOfStock)),
        new("op:custom-status", s => new OperatorSetCustomStatus("CALL BACK")),
        new("op:resync", s => new OperatorResynced(null, null)),
        new("step-failed", s => new StepFailed("shop unavailable", 5, Permanent: false)),
        new("swept", s => new OverdueOrderSwept()),
        new("out:shop-created", s => new ShopOrderCreated(Samples.ShopOrder(status: "processing", modifiedAt: Now, orderKey: Key.Value))),
        new("out:status-updated", s => new ShopStatusUpdated("processing")),
        new("out:shop-cancelled", s => new ShopOrderCancelled()),
        new("out:acknowledged", s => new MarketplaceAcknowledged()),
        new("out:mp-cancelled", s => new MarketplaceLinesCancelled()),
        new("out:push-done", s => new ShipmentPushed(ShipmentPushResult.Done)),
        new("out:push-pending", s => new ShipmentPushed(new ShipmentPushResult(ShipmentProgress.Pending, "P2"))),
        new("out:push-failed", s => new ShipmentPushed(new ShipmentPushResult(ShipmentProgress.Failed, Error: "invalid tracking code"))),
    ];

    public static DecisionContext Context(IntegrationSettings settings) => new(settings, Map, MarketplaceCatalog.TrendyolDescriptor, Now);

    /// <summary>The decision in the table's notation: <c>-</c> for a no-op, else the new state, <c>&gt;effect</c> and
    /// <c>+timer</c> / <c>+error</c> per message.</summary>
    public static string Render(OrderDecision decision)
    {
        if (decision.IsNoOp)
        {
            return "-";
        }

        var text = decision.State.Describe();
        if (decision.Effect is { } effect)
        {
            text += " >" + effect switch
            {
                CreateShopOrder => "create",
                UpdateShopStatus => "status",
                CancelShopOrder => "cancel-shop",
                AcknowledgeOnMarketplace => "ack",
                CancelOnMarketplace => "cancel-mp",
                PushShipment => "push",
                CheckShipmentProgress => "check",
                _ => effect.Name,
            };
        }

        foreach (var message in decision.Messages)
        {
            text += message switch
            {
                ScheduleEvent => " +timer",
                NotifyOrderError => " +error",
                _ => " +" + message.GetType().Name,
            };
        }

        return text;
    }

    private static MarketplaceOrder Snapshot(string status, DateTimeOffset changedAt, bool acknowledged = false) =>
        Samples.MarketplaceOrder(orderId: Key.MarketplaceOrderId, status: status, changedAt: changedAt, acknowledged: acknowledged);

    private static List<StateCase> BuildStates()
    {
        var changedAt = Now - TimeSpan.FromMinutes(10);
        var received = OrderState.Receive(Key, MarketplaceCatalog.Trendyol, Snapshot("Created", changedAt), changedAt);
        OrderState Held(string status, HoldReason reason) => received with
        {
            Status = OrderStatus.Held,
            HoldReason = reason,
            MarketplaceOrder = Snapshot(status, changedAt),
            MarketplaceCancelled = status == "Cancelled",
            NextActionAt = null,
        };

        var transferred = received with
        {
            Status = OrderStatus.Transferred,
            Acknowledged = true,
            ShopOrderId = "S1",
            ShopStatus = "processing",
            AppliedShopStatus = "processing",
            ShopModifiedAt = Now - TimeSpan.FromMinutes(5),
            ReflectedMarketplaceStatus = "Created",
            NextActionAt = null,
        };
        var completed = transferred with { ShopStatus = "completed" };
        var tracking = new ShipmentTracking("3SABCD1234567", "PostNL", null);
        var deadline = Now + TimeSpan.FromHours(1);
        var shipping = completed with { Status = OrderStatus.Shipping, Tracking = tracking, NextActionAt = Now };
        var cancelledShop = transferred with { ShopStatus = "cancelled", ShopCancelled = true };
        return
        [
            new("Received", received, DefaultSettings),
            new("Held:UnmappedStatus", Held("Repack", HoldReason.UnmappedStatus), DefaultSettings),
            new("Held:MappingInactive", Held("UnPacked", HoldReason.MappingInactive), DefaultSettings),
            new("Held:AwaitingPayment", Held("Awaiting", HoldReason.AwaitingPayment), DefaultSettings),
            new("Held:NotAutoTransferred", Held("Created", HoldReason.NotAutoTransferred), DefaultSettings with { AutoTransfer = false }),
            new("Held:NotIncluded", Held("Cancelled", HoldReason.NotIncluded), DefaultSettings),
            new("Transferred", transferred, DefaultSettings),
            new("AwaitingTracking", completed with { Status = OrderStatus.AwaitingTracking, TrackingDeadline = deadline, NextActionAt = deadline }, DefaultSettings),
            new("AwaitingTracking(deadline passed)", completed with { Status = OrderStatus.AwaitingTracking, TrackingDeadline = Now - TimeSpan.FromMinutes(1) }, DefaultSettings),
            new("Shipping", shipping, DefaultSettings),
            new("Shipping(confirming)", shipping with { ShipmentPushed = true, ShipmentProcessId = "P1", ShipmentCheckAt = Now + TimeSpan.FromSeconds(30) }, DefaultSettings),
            new("Closed", shipping with { Status = OrderStatus.Closed, ShipmentPushed = true, NextActionAt = null }, DefaultSettings),
            new("Cancelled", cancelledShop with
            {
                Status = OrderStatus.Cancelled,
                CancelledBy = CancellationOrigin.Marketplace,
                MarketplaceOrder = Snapshot("Cancelled", changedAt),
                MarketplaceCancelled = true,
            }, DefaultSettings),
            new("Rejected", cancelledShop with { Status = OrderStatus.Rejected, RejectionReason = CancellationReason.OutOfStock, MarketplaceCancelled = true }, DefaultSettings),
            new("Failed", transferred with { Status = OrderStatus.Failed, FailedFrom = OrderStatus.Transferred, FailureReason = "boom", FailedAttempts = 5 }, DefaultSettings),
        ];
    }
}

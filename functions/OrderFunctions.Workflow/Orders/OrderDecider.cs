using System.Globalization;
using System.Text;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Orders;

/// <summary>
/// The per-order state machine (DESIGN D5): <c>Decide(state, event, context) → decision</c>, pure.
/// <para>
/// An event first updates the facts the state holds (marketplace snapshot, shop order, operator choices, outcomes
/// of the hub's own effects); then the order is advanced by the rules of its status until it either owes a remote
/// effect (returned as <see cref="OrderDecision.Effect"/>, whose outcome comes back as the next event) or rests.
/// Because the rules look only at facts, a re-delivered event, a sweep or a retry after a crash decides the same
/// thing again, and the effects themselves are idempotent.
/// </para>
/// <para>
/// A decision that changes no fact that any rule reads, asks for no effect and sends nothing is a no-op: late,
/// duplicate and illegal events end there, and so do echoes of the hub's own changes (which keeps storage
/// writes per order low).
/// </para>
/// </summary>
public static class OrderDecider
{
    /// <summary>A status change may enable another (Received → Transferred → Closed); more than this is a rule bug.</summary>
    private const int MaxMovesPerDecision = 8;

    public static OrderDecision Decide(OrderState state, OrderEvent @event, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(context);
        var rules = new Rules(context);
        return @event switch
        {
            MarketplaceOrderSeen e => rules.OnMarketplaceOrderSeen(state, e.Order),
            ShopOrderSeen e => rules.OnShopOrderSeen(state, e.Order),
            TrackingDeadlineReached e => rules.OnTrackingDeadlineReached(state, e),
            OperatorConfirmed => rules.OnOperatorConfirmed(state),
            OperatorRejected e => rules.OnOperatorRejected(state, e.Reason),
            OperatorSetCustomStatus e => rules.OnOperatorSetCustomStatus(state, e.Status),
            OperatorResynced e => rules.OnOperatorResynced(state, e),
            StepFailed e => rules.OnStepFailed(state, e),
            OverdueOrderSwept => rules.OnOverdueOrderSwept(state),
            ShopOrderCreated e => rules.OnShopOrderCreated(state, e.Order),
            ShopStatusUpdated e => rules.OnShopStatusUpdated(state, e.Status),
            ShopOrderCancelled => rules.OnShopOrderCancelled(state),
            MarketplaceAcknowledged => rules.OnMarketplaceAcknowledged(state),
            MarketplaceLinesCancelled => rules.OnMarketplaceLinesCancelled(state),
            ShipmentPushed e => rules.OnShipmentPushed(state, e.Result),
            _ => OrderDecision.NoOp(state, $"unknown event '{@event.Name}'"),
        };
    }

    /// <summary>True for the marketplace statuses that create a shop order without the Process-inclusion flag.</summary>
    public static bool CreatesOrders(MarketplaceStatusKind kind) => kind is MarketplaceStatusKind.Open or MarketplaceStatusKind.Processing;

    /// <summary>True for marketplace statuses that mean the parcel left (so the hub has nothing left to ship).</summary>
    public static bool MeansShipped(MarketplaceStatusKind? kind) => kind is MarketplaceStatusKind.Shipped
        or MarketplaceStatusKind.Delivered or MarketplaceStatusKind.DeliveryFailed or MarketplaceStatusKind.Returned;

    private abstract record Step(string Note);

    /// <summary>The order moves to another state (and may ask for messages); the rules then run again.</summary>
    private sealed record Move(OrderState State, string Note, params OrderMessage[] Messages) : Step(Note);

    /// <summary>The order owes a remote effect now; the decision ends with it.</summary>
    private sealed record Perform(OrderEffect Effect, string Note) : Step(Note);

    private sealed class Rules(DecisionContext context)
    {
        private IntegrationSettings Settings => context.Settings;

        private DateTimeOffset Now => context.Now;

        // ---- Events from outside -------------------------------------------------------------------------------

        public OrderDecision OnMarketplaceOrderSeen(OrderState state, MarketplaceOrder order)
        {
            if (!string.Equals(order.OrderId, state.Key.MarketplaceOrderId, StringComparison.Ordinal))
            {
                return OrderDecision.NoOp(state, $"snapshot of marketplace order '{order.OrderId}', not of this order");
            }

            if (order.LastChangedAt < state.MarketplaceOrder.LastChangedAt)
            {
                return OrderDecision.NoOp(state, "stale marketplace snapshot: a newer one is already known");
            }

            var seen = ApplyMarketplace(state, order);
            if (KindOf(order.Status) == MarketplaceStatusKind.Cancelled && KindOf(state) != MarketplaceStatusKind.Cancelled)
            {
                seen = RememberUnconfirmedCreate(state, seen);
            }

            var note = $"marketplace shows '{order.Status}'";
            switch (state.Status)
            {
                case OrderStatus.Failed when KindOf(seen) == MarketplaceStatusKind.Cancelled:
                    return Conclude(state, Cancel(ClearFailure(seen), CancellationOrigin.Marketplace), note);
                case OrderStatus.Failed:
                    return OrderDecision.NoOp(state, "failed: marketplace changes wait for a re-sync");
                case OrderStatus.Held when !SameMarketplaceStatus(order.Status, state.MarketplaceOrder.Status):
                    return Conclude(state, seen with { Status = OrderStatus.Received, HoldReason = null }, note, previousHold: state.HoldReason);
                default:
                    return Conclude(state, seen, note);
            }
        }

        public OrderDecision OnShopOrderSeen(OrderState state, ShopOrder order)
        {
            if (order.OrderKey is { } key && !string.Equals(key, state.Key.Value, StringComparison.Ordinal))
            {
                return OrderDecision.NoOp(state, "shop order of another order");
            }

            if (state.ShopOrderId is { } known && !string.Equals(known, order.ShopOrderId, StringComparison.Ordinal))
            {
                return OrderDecision.NoOp(state, $"shop order '{order.ShopOrderId}' is not this order's shop order '{known}'");
            }

            if (state.ShopModifiedAt is { } seenAt && order.ModifiedAt < seenAt)
            {
                return OrderDecision.NoOp(state, "stale shop snapshot: a newer one is already known");
            }

            if (state.Status == OrderStatus.Failed)
            {
                return OrderDecision.NoOp(state, "failed: shop changes wait for a re-sync");
            }

            return Conclude(state, ApplyShop(state, order), $"shop shows '{order.Status}'");
        }

        public OrderDecision OnTrackingDeadlineReached(OrderState state, TrackingDeadlineReached deadline)
        {
            if (state.Status != OrderStatus.AwaitingTracking || state.TrackingDeadline != deadline.Deadline)
            {
                return OrderDecision.NoOp(state, "no tracking wait ends then: late or duplicate timer");
            }

            if (Now < deadline.Deadline)
            {
                return new OrderDecision
                {
                    State = state,
                    Messages = [new ScheduleEvent(deadline, deadline.Deadline)],
                    Note = "tracking timer fired early: rescheduled",
                };
            }

            return Conclude(state, state, "tracking-code wait is over");
        }

        public OrderDecision OnOperatorConfirmed(OrderState state)
        {
            if (state is not { Status: OrderStatus.Held, HoldReason: HoldReason.NotAutoTransferred })
            {
                return OrderDecision.NoOp(state, $"nothing to confirm: the order is {state.Describe()}");
            }

            var confirmed = state with { Status = OrderStatus.Received, HoldReason = null, ConfirmedByOperator = true };
            return Conclude(state, confirmed, "confirmed by the operator", previousHold: HoldReason.NotAutoTransferred);
        }

        public OrderDecision OnOperatorRejected(OrderState state, CancellationReason reason)
        {
            var rejectable = state.Status is OrderStatus.Received or OrderStatus.Held or OrderStatus.Transferred
                || state is { Status: OrderStatus.Failed, FailedFrom: null or OrderStatus.Received or OrderStatus.Held or OrderStatus.Transferred };
            if (!rejectable)
            {
                return OrderDecision.NoOp(state, $"cannot reject an order that is {state.Describe()}");
            }

            var rejected = RememberUnconfirmedCreate(state, ClearFailure(state) with { Status = OrderStatus.Rejected, HoldReason = null, RejectionReason = reason });
            return Conclude(state, rejected, $"rejected by the operator ({reason})");
        }

        public OrderDecision OnOperatorSetCustomStatus(OrderState state, string status)
        {
            if (string.IsNullOrWhiteSpace(status))
            {
                return OrderDecision.NoOp(state, "an empty status is not a status");
            }

            if (SameShopStatus(state.CustomStatus, status) && (state.ShopOrderId is null || SameShopStatus(state.AppliedShopStatus, status)))
            {
                return OrderDecision.NoOp(state, $"already '{status}'");
            }

            var labelled = state with { CustomStatus = status };
            if (state.ShopOrderId is null)
            {
                return Conclude(state, labelled, $"labelled '{status}' by the operator (no shop order yet)");
            }

            return new OrderDecision
            {
                State = Stamp(labelled, owesEffect: true),
                Effect = new UpdateShopStatus(status, ExpectedCurrentStatus: null),
                Note = $"operator sets the shop status to '{status}'",
            };
        }

        public OrderDecision OnOperatorResynced(OrderState state, OperatorResynced resync)
        {
            var resumed = state.Status switch
            {
                OrderStatus.Failed => ClearFailure(state) with
                {
                    Status = state.FailedFrom is null or OrderStatus.Received or OrderStatus.Held ? OrderStatus.Received : state.FailedFrom.Value,
                },
                OrderStatus.Held => state with { Status = OrderStatus.Received, HoldReason = null },
                _ => state,
            };
            if (resync.Marketplace is { } marketplaceOrder
                && string.Equals(marketplaceOrder.OrderId, state.Key.MarketplaceOrderId, StringComparison.Ordinal))
            {
                resumed = ApplyMarketplace(resumed, marketplaceOrder);
            }

            if (resync.Shop is { } shopOrder
                && (shopOrder.OrderKey is null || string.Equals(shopOrder.OrderKey, state.Key.Value, StringComparison.Ordinal))
                && (state.ShopOrderId is null || string.Equals(state.ShopOrderId, shopOrder.ShopOrderId, StringComparison.Ordinal)))
            {
                resumed = ApplyShop(resumed, shopOrder);
            }

            var previousHold = state.Status == OrderStatus.Held ? state.HoldReason : null;
            var decision = Conclude(state, resumed, "re-synced by the operator", previousHold);
            return decision.IsNoOp ? decision with { Note = "re-sync: already in step with both sides" } : decision;
        }

        public OrderDecision OnStepFailed(OrderState state, StepFailed failure)
        {
            if (state.Status == OrderStatus.Failed)
            {
                return OrderDecision.NoOp(state, "already failed");
            }

            var kind = failure.Permanent ? "permanent error" : $"gave up after {failure.Attempts} attempts";
            var (failed, notify) = Fail(state, failure.Reason, failure.Attempts);
            return Conclude(state, failed, $"failed ({kind}): {failure.Reason}", messages: notify);
        }

        public OrderDecision OnOverdueOrderSwept(OrderState state)
        {
            if (state.Status == OrderStatus.Failed)
            {
                return OrderDecision.NoOp(state, "failed: waits for a re-sync");
            }

            var decision = Conclude(state, state, "re-driven by the sweeper");
            return decision.IsNoOp ? decision with { Note = "sweep: nothing is owed" } : decision;
        }

        // ---- Outcomes of the hub's own effects -----------------------------------------------------------------

        public OrderDecision OnShopOrderCreated(OrderState state, ShopOrder order)
        {
            if (state.Status is not (OrderStatus.Received or OrderStatus.Held))
            {
                return OrderDecision.NoOp(state, $"a shop order was not being created: the order is {state.Describe()}");
            }

            var created = ApplyShop(state, order) with
            {
                ShopOrderId = order.ShopOrderId,
                AppliedShopStatus = order.Status,
                ShopOrderMayExist = false,
                ShopOrderIsReservation = state.Status == OrderStatus.Held,
            };
            if (state.Status == OrderStatus.Held)
            {
                return Conclude(state, created, $"stock reserved by shop order {order.ShopOrderId} in '{order.Status}'");
            }

            var transferred = Transferred(created);
            return Conclude(state, transferred, $"created in the shop as {order.ShopOrderId} in '{order.Status}'");
        }

        public OrderDecision OnShopStatusUpdated(OrderState state, string status)
        {
            if (state.ShopOrderId is null)
            {
                return OrderDecision.NoOp(state, "no shop order to have a status");
            }

            var updated = state with
            {
                ShopStatus = status,
                AppliedShopStatus = status,
                ReflectedMarketplaceStatus = state.MarketplaceOrder.Status,
            };
            if (state.Status == OrderStatus.Received)
            {
                updated = Transferred(updated);
            }

            return Conclude(state, updated, $"shop status set to '{status}'");
        }

        public OrderDecision OnShopOrderCancelled(OrderState state)
        {
            if (state.ShopCancelled || state.Status is not (OrderStatus.Cancelled or OrderStatus.Rejected))
            {
                return OrderDecision.NoOp(state, $"no shop cancellation was owed: the order is {state.Describe()}");
            }

            return Conclude(state, state with { ShopCancelled = true }, "cancelled in the shop");
        }

        public OrderDecision OnMarketplaceAcknowledged(OrderState state)
        {
            if (state.Acknowledged)
            {
                return OrderDecision.NoOp(state, "already acknowledged");
            }

            return Conclude(state, state with { Acknowledged = true }, "acknowledged on the marketplace");
        }

        public OrderDecision OnMarketplaceLinesCancelled(OrderState state)
        {
            if (state.MarketplaceCancelled || state.Status is not (OrderStatus.Cancelled or OrderStatus.Rejected))
            {
                return OrderDecision.NoOp(state, $"no marketplace cancellation was owed: the order is {state.Describe()}");
            }

            return Conclude(state, state with { MarketplaceCancelled = true }, "cancelled on the marketplace");
        }

        public OrderDecision OnShipmentPushed(OrderState state, ShipmentPushResult result)
        {
            if (state.Status != OrderStatus.Shipping)
            {
                return OrderDecision.NoOp(state, $"no shipment was being pushed: the order is {state.Describe()}");
            }

            switch (result.Progress)
            {
                case ShipmentProgress.Done:
                    var shipped = state with { ShipmentPushed = true, ShipmentProcessId = null, ShipmentCheckAt = null };
                    return Conclude(state, Close(shipped), "the marketplace confirmed the shipment");
                case ShipmentProgress.Pending when !string.IsNullOrEmpty(result.ProcessId):
                    // No timer of its own: the next marketplace poll reads the order anyway and closes it once the
                    // marketplace shows it shipped; only if that has not happened by then is the outcome asked for
                    // (the sweeper re-drives the order at ShipmentCheckAt), which also catches a rejected shipment.
                    var checkAt = Truncate(Now + context.ShipmentProgressInterval);
                    var pending = state with { ShipmentPushed = true, ShipmentProcessId = result.ProcessId, ShipmentCheckAt = checkAt };
                    return Conclude(state, pending, "the marketplace is still confirming the shipment");
                default:
                    var reason = result.Progress == ShipmentProgress.Pending
                        ? "the marketplace accepted the shipment without a process id to follow"
                        : $"the marketplace rejected the shipment: {result.Error ?? "no reason given"}";
                    var (failed, notify) = Fail(state, reason, attempts: 1);
                    return Conclude(state, failed, reason, messages: notify);
            }
        }

        // ---- Rules per status -----------------------------------------------------------------------------------

        private Step? Next(OrderState state, HoldReason? previousHold) => state.Status switch
        {
            OrderStatus.Received => Admit(state, previousHold),
            OrderStatus.Held => ReservationOwed(state),
            OrderStatus.Transferred => NextWhileTransferred(state),
            OrderStatus.AwaitingTracking => NextWhileAwaitingTracking(state),
            OrderStatus.Shipping => NextWhileShipping(state),
            OrderStatus.Closed => ReflectionOwed(state, shippedStatusesOnly: true),
            OrderStatus.Cancelled => NextWhileCancelled(state),
            OrderStatus.Rejected => NextWhileRejected(state),
            _ => null,
        };

        /// <summary>DESIGN §4.3: map the status; hold if there is no active row, if unpaid, if the status does not
        /// create orders, or if transfer is manual; otherwise create the order in the shop (or turn the reservation into it).</summary>
        private Step Admit(OrderState state, HoldReason? previousHold)
        {
            var status = state.MarketplaceOrder.Status;
            var kind = KindOf(state);
            var entry = context.StatusMap.Find(status);
            // An order the hub already knew (held for a reason other than "not included", or holding a reservation)
            // that is then cancelled is a cancellation, not a first sighting of a cancelled order.
            if (kind == MarketplaceStatusKind.Cancelled && (state.ShopOrderId is not null || state.ShopOrderMayExist || previousHold is not (null or HoldReason.NotIncluded)))
            {
                return new Move(Cancel(state, CancellationOrigin.Marketplace), "cancelled on the marketplace before it reached the shop");
            }

            if (kind is null || entry is null)
            {
                return Hold(state, HoldReason.UnmappedStatus, $"no status map row for marketplace status '{status}'", previousHold);
            }

            if (!entry.Active)
            {
                return Hold(state, HoldReason.MappingInactive, $"the status map row for '{status}' is inactive", previousHold);
            }

            if (kind == MarketplaceStatusKind.AwaitingPayment)
            {
                return Hold(state, HoldReason.AwaitingPayment, "waiting for payment", previousHold);
            }

            if (!CreatesOrders(kind.Value) && !entry.ProcessInclusion)
            {
                return Hold(state, HoldReason.NotIncluded, $"'{status}' does not create orders and its Process-inclusion flag is off", previousHold);
            }

            if (!Settings.AutoTransfer && !state.ConfirmedByOperator)
            {
                return Hold(state, HoldReason.NotAutoTransferred, "automatic transfer is off: waiting for the operator", previousHold);
            }

            if (state.ShopOrderId is null)
            {
                // An order created only for the record in a status whose goods are back (cancelled, returned) takes no stock.
                var decrement = Settings.StockMode != StockMode.None && kind is not (MarketplaceStatusKind.Cancelled or MarketplaceStatusKind.Returned);
                return new Perform(new CreateShopOrder(entry.ShopStatus, decrement), $"creating the shop order in '{entry.ShopStatus}'");
            }

            // The shop order exists: a reservation still in the status the hub gave it becomes the order; one the shop
            // has moved on by itself (or one found rather than created) is taken as it is, never pulled back.
            var current = state.ShopStatus ?? state.AppliedShopStatus;
            var stillReserved = state.AppliedShopStatus is not null && SameShopStatus(current, state.AppliedShopStatus);
            if (stillReserved && !SameShopStatus(current, entry.ShopStatus))
            {
                return new Perform(
                    new UpdateShopStatus(entry.ShopStatus, current),
                    $"turning shop order {state.ShopOrderId} into the order: '{entry.ShopStatus}'");
            }

            return new Move(Transferred(state), $"shop order {state.ShopOrderId} is already in '{current}'");
        }

        private Move Hold(OrderState state, HoldReason reason, string note, HoldReason? previousHold)
        {
            var held = state with { Status = OrderStatus.Held, HoldReason = reason, ConfirmedByOperator = false };
            var errorKind = reason switch
            {
                HoldReason.UnmappedStatus => OrderErrorKind.UnmappedStatus,
                HoldReason.MappingInactive => (OrderErrorKind?)OrderErrorKind.MappingInactive,
                _ => null,
            };
            return errorKind is { } kind && previousHold != reason && Settings.NotifyErrors
                ? new Move(held, $"held: {note}", new NotifyOrderError(kind, note))
                : new Move(held, $"held: {note}");
        }

        /// <summary>Seed 002: with reserve-on-receipt, a held order (unpaid, or waiting for the operator) holds its stock
        /// through a shop order in the reservation status; stock moves only by creating or cancelling that order.</summary>
        private Perform? ReservationOwed(OrderState state) =>
            Settings.StockMode == StockMode.ReserveOnReceipt
            && state.ShopOrderId is null
            && state.HoldReason is HoldReason.AwaitingPayment or HoldReason.NotAutoTransferred
                ? new Perform(new CreateShopOrder(Settings.ReservationShopStatus, DecrementStock: true), $"reserving stock with a shop order in '{Settings.ReservationShopStatus}'")
                : null;

        private Step? NextWhileTransferred(OrderState state)
        {
            var kind = KindOf(state);
            var shopAction = ShopAction(state);
            if (kind == MarketplaceStatusKind.Cancelled)
            {
                return new Move(Cancel(state, CancellationOrigin.Marketplace), "cancelled on the marketplace");
            }

            if (shopAction == ReverseAction.Cancel)
            {
                return new Move(Cancel(state, CancellationOrigin.Shop), $"cancelled in the shop ('{state.ShopStatus}')");
            }

            if (MeansShipped(kind))
            {
                return new Move(Close(state), $"the marketplace shows '{state.MarketplaceOrder.Status}': shipped outside the hub");
            }

            if (shopAction == ReverseAction.Ship)
            {
                return BeginShipping(state);
            }

            if (AcknowledgementOwed(state, shopAction))
            {
                return new Perform(new AcknowledgeOnMarketplace(), "acknowledging on the marketplace");
            }

            return ReflectionOwed(state, shippedStatusesOnly: false);
        }

        /// <summary>DESIGN §4.4 / seed 003: completed with tracking (or with nothing to wait for) ships at once; without,
        /// waits for the tracking code until the deadline.</summary>
        private Move BeginShipping(OrderState state)
        {
            if (!Settings.SendUpdateFeedback)
            {
                return new Move(Close(state), "completed in the shop; update feedback is off, so shipping is left to the merchant");
            }

            if (ReadyToShip(state))
            {
                return new Move(state with { Status = OrderStatus.Shipping }, "completed in the shop: shipping");
            }

            var deadline = Truncate(Now + Settings.TrackingWait);
            return new Move(
                state with { Status = OrderStatus.AwaitingTracking, TrackingDeadline = deadline },
                $"completed in the shop without a tracking code: waiting until {deadline.ToString("u", CultureInfo.InvariantCulture)}",
                new ScheduleEvent(new TrackingDeadlineReached(deadline), deadline));
        }

        private Move? NextWhileAwaitingTracking(OrderState state)
        {
            var kind = KindOf(state);
            var shopAction = ShopAction(state);
            if (kind == MarketplaceStatusKind.Cancelled)
            {
                return new Move(Cancel(state, CancellationOrigin.Marketplace), "cancelled on the marketplace");
            }

            if (shopAction == ReverseAction.Cancel)
            {
                return new Move(Cancel(state, CancellationOrigin.Shop), $"cancelled in the shop ('{state.ShopStatus}')");
            }

            if (MeansShipped(kind))
            {
                return new Move(Close(state), $"the marketplace shows '{state.MarketplaceOrder.Status}': shipped outside the hub");
            }

            if (shopAction != ReverseAction.Ship)
            {
                return new Move(state with { Status = OrderStatus.Transferred, TrackingDeadline = null }, $"reopened in the shop ('{state.ShopStatus}')");
            }

            if (ReadyToShip(state))
            {
                return new Move(state with { Status = OrderStatus.Shipping, TrackingDeadline = null }, "tracking code arrived: shipping");
            }

            if (state.TrackingDeadline is { } deadline && Now >= deadline)
            {
                return new Move(state with { Status = OrderStatus.Shipping, TrackingDeadline = null }, "no tracking code by the deadline: shipping without one");
            }

            return null;
        }

        private Step? NextWhileShipping(OrderState state)
        {
            var kind = KindOf(state);
            if (MeansShipped(kind))
            {
                return new Move(Close(state with { ShipmentProcessId = null, ShipmentCheckAt = null }), $"the marketplace shows '{state.MarketplaceOrder.Status}'");
            }

            if (kind == MarketplaceStatusKind.Cancelled)
            {
                return new Move(Cancel(state, CancellationOrigin.Marketplace), "cancelled on the marketplace");
            }

            var shopAction = ShopAction(state);
            if (!state.ShipmentPushed && shopAction == ReverseAction.Cancel)
            {
                return new Move(Cancel(state, CancellationOrigin.Shop), $"cancelled in the shop ('{state.ShopStatus}') before the shipment was pushed");
            }

            if (!state.ShipmentPushed && state.ShopStatus is not null && shopAction != ReverseAction.Ship)
            {
                return new Move(state with { Status = OrderStatus.Transferred }, $"reopened in the shop ('{state.ShopStatus}') before the shipment was pushed");
            }

            if (!state.ShipmentPushed)
            {
                var tracking = Settings.TransferTrackingCode ? state.Tracking : null;
                return new Perform(new PushShipment(tracking), tracking is null ? "pushing the shipment without a tracking code" : $"pushing the shipment with tracking '{tracking.Code}'");
            }

            if (state.ShipmentProcessId is { } processId && state.ShipmentCheckAt is { } checkAt && Now >= checkAt)
            {
                return new Perform(new CheckShipmentProgress(processId), "asking the marketplace whether the shipment is confirmed");
            }

            return null;
        }

        private Perform? NextWhileCancelled(OrderState state)
        {
            // A reservation (seed 002) is the hub's own hold on the stock, not an order the merchant works on: it is
            // released when the order is cancelled whether or not cancellations are transferred.
            if (state.CancelledBy == CancellationOrigin.Marketplace && ShopOrderToCancel(state) && (Settings.TransferCancellations || state.ShopOrderIsReservation))
            {
                return CancelShopOrder(state);
            }

            if (!Settings.TransferCancellations)
            {
                return null;
            }

            if (state.CancelledBy == CancellationOrigin.Shop && !state.MarketplaceCancelled)
            {
                return new Perform(new CancelOnMarketplace(ReasonForShopCancellation(state)), "cancelling the open lines on the marketplace");
            }

            return null;
        }

        private Perform? NextWhileRejected(OrderState state)
        {
            if (ShopOrderToCancel(state))
            {
                return CancelShopOrder(state);
            }

            if (!state.MarketplaceCancelled)
            {
                return new Perform(new CancelOnMarketplace(state.RejectionReason ?? CancellationReason.Other), "cancelling the open lines on the marketplace");
            }

            return null;
        }

        /// <summary>A shop order to cancel: a known one, or one a create may have made without the hub hearing back.</summary>
        private static bool ShopOrderToCancel(OrderState state) => (state.ShopOrderId is not null || state.ShopOrderMayExist) && !state.ShopCancelled;

        /// <summary>Cancels the shop order (found by the order key when its id never came back), giving back exactly the
        /// stock its creation took: none for an order created for the record, none twice (the shop ignores a second
        /// cancellation, and <see cref="OrderState.ShopCancelled"/> ends the rule).</summary>
        private Perform CancelShopOrder(OrderState state)
        {
            var restock = state.StockTaken ?? Settings.StockMode != StockMode.None;
            var which = state.ShopOrderId is { } id ? $"shop order {id}" : "the shop order a create may have made (looked up by the order key)";
            return new Perform(new CancelShopOrder(restock), $"cancelling {which}{(restock ? ", returning its stock" : "")}");
        }

        /// <summary>The shop create the rules owe <paramref name="state"/> (as they would decide now, following any moves,
        /// from the status it failed in for a Failed order), and whether it is a reservation (made while the order is
        /// held); null when none is owed. Because the facts a create is decided on are stored before and after it, this
        /// also says what an earlier create of the order did: whether it took stock, whether it reserved.</summary>
        private (CreateShopOrder Create, bool Reservation)? PendingCreate(OrderState state)
        {
            if (state.ShopOrderId is not null)
            {
                return null;
            }

            if (state.Status == OrderStatus.Failed)
            {
                state = state with { Status = state.FailedFrom ?? OrderStatus.Received };
            }

            for (var moves = 0; moves < MaxMovesPerDecision; moves++)
            {
                switch (Next(state, previousHold: null))
                {
                    case Move move:
                        state = move.State;
                        break;
                    case Perform { Effect: CreateShopOrder create }:
                        return (create, state.Status == OrderStatus.Held);
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>An order about to be cancelled or rejected while the hub owed it a shop create may have a shop order
        /// the hub never heard of (the reply was lost, the executor crashed, the step failed after the shop acted): it is
        /// looked up and cancelled, with the stock that create took, instead of being left holding that stock.</summary>
        private OrderState RememberUnconfirmedCreate(OrderState before, OrderState after) =>
            !before.ShopOrderMayExist && PendingCreate(before) is { } pending
                ? after with { ShopOrderMayExist = true, StockTaken = pending.Create.DecrementStock, ShopOrderIsReservation = pending.Reservation }
                : after;

        /// <summary>"Status change transfer" (seed 001): a new marketplace status is reflected in the shop once, through
        /// the map. Never guessed (no active row: nothing), never over a status the shop has moved to itself when the
        /// shop has priority (reverse flow, seed 001 "transaction priority"), and after closure only post-shipment statuses.</summary>
        private Perform? ReflectionOwed(OrderState state, bool shippedStatusesOnly)
        {
            var status = state.MarketplaceOrder.Status;
            if (!Settings.TransferStatusChanges || state.ShopOrderId is null || SameMarketplaceStatus(status, state.ReflectedMarketplaceStatus))
            {
                return null;
            }

            if (shippedStatusesOnly && !MeansShipped(KindOf(state)))
            {
                return null;
            }

            var current = state.ShopStatus ?? state.AppliedShopStatus;
            if (context.StatusMap.Find(status) is not { Active: true } entry || SameShopStatus(entry.ShopStatus, current))
            {
                return null;
            }

            if (Settings.ReverseFlow && state.ShopStatus is not null && !SameShopStatus(state.ShopStatus, state.AppliedShopStatus))
            {
                return null;
            }

            return new Perform(new UpdateShopStatus(entry.ShopStatus, current), $"reflecting marketplace status '{status}' as '{entry.ShopStatus}'");
        }

        // ---- Helpers --------------------------------------------------------------------------------------------

        /// <summary>Runs the rules from <paramref name="after"/> until the order owes an effect or rests, then decides
        /// whether anything happened at all.</summary>
        private OrderDecision Conclude(OrderState before, OrderState after, string note, HoldReason? previousHold = null, IReadOnlyList<OrderMessage>? messages = null)
        {
            var notes = new List<string> { note };
            var sent = new List<OrderMessage>(messages ?? []);
            var state = after;
            OrderEffect? effect = null;
            for (var moves = 0; effect is null; moves++)
            {
                var step = Next(state, moves == 0 ? previousHold : null);
                if (step is null)
                {
                    break;
                }

                if (moves == MaxMovesPerDecision)
                {
                    throw new InvalidOperationException($"The rules moved order {before.Key} more than {MaxMovesPerDecision} times in one decision ({string.Join("; ", notes)}).");
                }

                notes.Add(step.Note);
                switch (step)
                {
                    case Move move:
                        state = move.State;
                        sent.AddRange(move.Messages);
                        break;
                    case Perform perform:
                        effect = perform.Effect;
                        break;
                }
            }

            if (effect is null && sent.Count == 0 && MaterialFacts(before) == MaterialFacts(state))
            {
                return OrderDecision.NoOp(before, $"{note}: nothing that matters changed");
            }

            return new OrderDecision
            {
                State = Stamp(state, owesEffect: effect is not null),
                Effect = effect,
                Messages = sent,
                Note = string.Join("; ", notes),
            };
        }

        private OrderState Stamp(OrderState state, bool owesEffect) => state with
        {
            UpdatedAt = Now,
            NextActionAt = owesEffect ? Now : state.Status switch
            {
                OrderStatus.AwaitingTracking => state.TrackingDeadline,
                OrderStatus.Shipping when state.ShipmentProcessId is not null => state.ShipmentCheckAt,
                _ => null,
            },
        };

        private (OrderState Failed, IReadOnlyList<OrderMessage> Notify) Fail(OrderState state, string reason, int attempts)
        {
            var failed = state with
            {
                Status = OrderStatus.Failed,
                HoldReason = null,
                FailedFrom = state.Status,
                FailureReason = reason,
                FailedAttempts = attempts,
                TrackingDeadline = null,
            };
            return (failed, Settings.NotifyErrors ? [new NotifyOrderError(OrderErrorKind.Failed, reason)] : []);
        }

        private static OrderState ClearFailure(OrderState state) => state with { FailureReason = null, FailedAttempts = 0, FailedFrom = null };

        private static OrderState Transferred(OrderState state) => state with
        {
            ShopOrderIsReservation = false,
            Status = OrderStatus.Transferred,
            HoldReason = null,
            ConfirmedByOperator = false,
            ReflectedMarketplaceStatus = state.ReflectedMarketplaceStatus ?? state.MarketplaceOrder.Status,
        };

        private static OrderState Close(OrderState state) => state with
        {
            Status = OrderStatus.Closed,
            TrackingDeadline = null,
            ShipmentCheckAt = null,
        };

        private static OrderState Cancel(OrderState state, CancellationOrigin origin) => state with
        {
            Status = OrderStatus.Cancelled,
            HoldReason = null,
            CancelledBy = origin,
            TrackingDeadline = null,
            ConfirmedByOperator = false,
        };

        private OrderState ApplyMarketplace(OrderState state, MarketplaceOrder order) => state with
        {
            MarketplaceOrder = order,
            Acknowledged = state.Acknowledged || order.Acknowledged,
            MarketplaceCancelled = state.MarketplaceCancelled || KindOf(order.Status) == MarketplaceStatusKind.Cancelled,
        };

        private OrderState ApplyShop(OrderState state, ShopOrder order)
        {
            // The first sight of the shop order (its creation's answer, or one found by key) records what that creation
            // took and whether it was a reservation.
            var adopted = state.ShopOrderId is null ? PendingCreate(state) : null;
            return state with
            {
                ShopOrderId = state.ShopOrderId ?? order.ShopOrderId,
                StockTaken = adopted?.Create.DecrementStock ?? state.StockTaken,
                ShopOrderIsReservation = adopted?.Reservation ?? state.ShopOrderIsReservation,
                ShopStatus = order.Status,
                ShopModifiedAt = order.ModifiedAt,
                Tracking = ShipmentTracking.Select(order.Tracking, Settings.TrackingField) ?? state.Tracking,
                ShopCancelled = state.ShopCancelled || ReverseActionOf(order.Status) == ReverseAction.Cancel,
            };
        }

        private bool ReadyToShip(OrderState state) =>
            state.Tracking is not null || !Settings.TransferTrackingCode || !string.IsNullOrWhiteSpace(state.MarketplaceOrder.TrackingCode);

        /// <summary>"Approve on receipt", or — with reverse flow — a shop status that acknowledges, set in the shop by
        /// someone other than the hub (the hub's own status is not a shop-side change).</summary>
        private bool AcknowledgementOwed(OrderState state, ReverseAction shopAction) =>
            !state.Acknowledged
            && KindOf(state) != MarketplaceStatusKind.AwaitingPayment
            && (Settings.ApproveOnReceipt
                || (Settings.ReverseFlow && shopAction == ReverseAction.Acknowledge && !SameShopStatus(state.ShopStatus, state.AppliedShopStatus)));

        private static CancellationReason ReasonForShopCancellation(OrderState state) =>
            state.MarketplaceOrder.Lines.Any(l => l.CancellationRequested) ? CancellationReason.CustomerRequest : CancellationReason.Other;

        private MarketplaceStatusKind? KindOf(OrderState state) => KindOf(state.MarketplaceOrder.Status);

        private MarketplaceStatusKind? KindOf(string status) => context.Marketplace.FindStatus(status)?.Kind;

        private ReverseAction ShopAction(OrderState state) => state.ShopStatus is { } status ? ReverseActionOf(status) : ReverseAction.None;

        private ReverseAction ReverseActionOf(string shopStatus) =>
            context.StatusMap.FindReverse(shopStatus) is { Active: true } entry ? entry.Action : ReverseAction.None;

        private static bool SameMarketplaceStatus(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);

        private static bool SameShopStatus(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        /// <summary>Times the decider makes are kept to whole milliseconds so they survive storage and JSON exactly
        /// (a timer is matched to its deadline by equality).</summary>
        private static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

        /// <summary>Every fact some rule reads. The marketplace status itself is left out on purpose: wherever it
        /// matters it changes the status, asks for an effect, or (when held) re-admits the order, so a change of it
        /// that does none of these — typically the echo of the hub's own acknowledgement — is not worth a write. Once
        /// an order is closed, cancelled or rejected no rule reads its lines, packages or tracking any more either.</summary>
        private static string MaterialFacts(OrderState s)
        {
            var builder = new StringBuilder();
            void Add(object? value) => builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\u001f');
            Add(s.Status);
            Add(s.HoldReason);
            Add(s.Acknowledged);
            Add(s.MarketplaceCancelled);
            Add(s.ReflectedMarketplaceStatus);
            Add(s.ShopOrderId);
            Add(s.ShopStatus);
            Add(s.AppliedShopStatus);
            Add(s.Tracking);
            Add(s.ShopCancelled);
            Add(s.StockTaken);
            Add(s.ShopOrderMayExist);
            Add(s.ShopOrderIsReservation);
            Add(s.ConfirmedByOperator);
            Add(s.RejectionReason);
            Add(s.CustomStatus);
            Add(s.CancelledBy);
            Add(s.TrackingDeadline?.UtcTicks);
            Add(s.ShipmentPushed);
            Add(s.ShipmentProcessId);
            Add(s.ShipmentCheckAt?.UtcTicks);
            Add(s.FailureReason);
            Add(s.FailedAttempts);
            Add(s.FailedFrom);
            if (s.Status is OrderStatus.Closed or OrderStatus.Cancelled or OrderStatus.Rejected)
            {
                return builder.ToString();
            }

            var order = s.MarketplaceOrder;
            Add(order.TrackingCode);
            Add(order.CarrierName);
            Add(string.Join(",", order.PackageIds));
            foreach (var line in order.Lines)
            {
                Add($"{line.LineId}:{line.Sku}:{line.Quantity}:{line.QuantityShipped}:{line.QuantityCancelled}:{line.CancellationRequested}:{line.PackageId}");
            }

            return builder.ToString();
        }
    }
}

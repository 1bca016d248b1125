using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Tests.Orders;

/// <summary>Whole flows through the decider, one setting of seeds 001/002/004 at a time.</summary>
public sealed class OrderDeciderFlowTests
{
    private static readonly IntegrationSettings Defaults = new();

    private static ShopOrderSeen ShopShows(string status, DateTimeOffset at, string? tracking = null, string? packageNumber = null)
    {
        var order = Samples.ShopOrder(status: status, modifiedAt: at, orderKey: "ty-woo:1001", trackingNumber: tracking);
        if (packageNumber is not null)
        {
            order = order with { Tracking = [new ShopTracking("TN-1", "PostNL", null) { PackageNumber = packageNumber }] };
        }

        return new ShopOrderSeen(order);
    }

    private static MarketplaceOrderSeen MarketplaceShows(string status, DateTimeOffset at, bool cancellationRequested = false)
    {
        var order = Samples.MarketplaceOrder(status: status, changedAt: at);
        return new MarketplaceOrderSeen(order with { Lines = [.. order.Lines.Select(l => l with { CancellationRequested = cancellationRequested })] });
    }

    [Fact]
    public void HappyPathCreatesAcknowledgesAndShipsWithTheShopsTrackingCode()
    {
        var chain = new DecisionChain(Defaults);

        var transferred = chain.Receive();
        var closed = chain.Run(transferred, ShopShows("completed", Samples.T0.AddHours(1), tracking: "3SABCD1234567"));

        Assert.Equal(OrderStatus.Transferred, transferred.Status);
        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Equal(
            ["create-shop-order", "acknowledge-on-marketplace", "push-shipment"],
            chain.Effects.Select(e => e.Name));
        Assert.Equal(new CreateShopOrder("processing", DecrementStock: true), chain.Effects[0]);
        Assert.Equal("3SABCD1234567", chain.Single<PushShipment>().Tracking?.Code);
        Assert.Null(closed.NextActionAt);
    }

    [Fact]
    public void ApproveOnReceiptOffCreatesWithoutAcknowledging()
    {
        var chain = new DecisionChain(Defaults with { ApproveOnReceipt = false });

        chain.Receive();

        Assert.Equal(["create-shop-order"], chain.Effects.Select(e => e.Name));
    }

    [Fact]
    public void CompletionWithoutTrackingWaitsTheConfiguredTimeThenShipsWithoutACode()
    {
        var chain = new DecisionChain(Defaults with { TrackingWait = TimeSpan.FromSeconds(5) });
        var waiting = chain.Run(chain.Receive(), ShopShows("completed", Samples.T0.AddHours(1)));
        var deadline = Samples.T0 + TimeSpan.FromSeconds(5);

        chain.Now = deadline;
        var closed = chain.Run(waiting, new TrackingDeadlineReached(deadline));

        Assert.Equal(OrderStatus.AwaitingTracking, waiting.Status);
        Assert.Equal(deadline, waiting.TrackingDeadline);
        Assert.Equal(deadline, waiting.NextActionAt);
        Assert.Equal(new ScheduleEvent(new TrackingDeadlineReached(deadline), deadline), Assert.Single(chain.Messages));
        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Null(chain.Single<PushShipment>().Tracking);
    }

    [Fact]
    public void TrackingBeforeTheDeadlineShipsAtOnceAndTheDeadlineThenFindsNothingToDo()
    {
        var chain = new DecisionChain(Defaults);
        var waiting = chain.Run(chain.Receive(), ShopShows("completed", Samples.T0.AddHours(1)));
        var closed = chain.Run(waiting, ShopShows("completed", Samples.T0.AddHours(2), tracking: "1Z999AA10123456784"));

        var late = OrderDecider.Decide(closed, new TrackingDeadlineReached(waiting.TrackingDeadline!.Value), new(Defaults, chain.Map, Marketplaces.MarketplaceCatalog.TrendyolDescriptor, Samples.T0.AddHours(5)));

        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Equal("1Z999AA10123456784", chain.Single<PushShipment>().Tracking?.Code);
        Assert.True(late.IsNoOp);
    }

    [Fact]
    public void TheMarketplacesOwnLabelMeansNoWaitForATrackingCode()
    {
        var chain = new DecisionChain(Defaults);
        var transferred = chain.Run(chain.Receive(), new MarketplaceOrderSeen(Samples.MarketplaceOrder(status: "Picking", changedAt: Samples.T0.AddMinutes(1), trackingCode: "7340447182689")));

        var closed = chain.Run(transferred, ShopShows("completed", Samples.T0.AddHours(1)));

        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Null(chain.Single<PushShipment>().Tracking);
    }

    [Fact]
    public void TrackingCodeTransferOffShipsAtOnceWithoutACode()
    {
        var chain = new DecisionChain(Defaults with { TransferTrackingCode = false });

        var closed = chain.Run(chain.Receive(), ShopShows("completed", Samples.T0.AddHours(1), tracking: "3SABCD1234567"));

        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Null(chain.Single<PushShipment>().Tracking);
    }

    [Fact]
    public void TheChosenTrackingFieldIsTheCodeThatIsSent()
    {
        var chain = new DecisionChain(Defaults with { TrackingField = TrackingField.PackageNumber });

        chain.Run(chain.Receive(), ShopShows("completed", Samples.T0.AddHours(1), packageNumber: "PKG-77"));

        Assert.Equal("PKG-77", chain.Single<PushShipment>().Tracking?.Code);
    }

    [Fact]
    public void UpdateFeedbackOffClosesWithoutPushingAShipment()
    {
        var chain = new DecisionChain(Defaults with { SendUpdateFeedback = false });

        var closed = chain.Run(chain.Receive(), ShopShows("completed", Samples.T0.AddHours(1), tracking: "3SABCD1234567"));

        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Empty(chain.Effects.OfType<PushShipment>());
    }

    [Fact]
    public void AnAsynchronousConfirmationIsAskedForOnlyOnceItsCheckTimeHasComeWithoutTheMarketplaceShowingItShipped()
    {
        var chain = new DecisionChain(Defaults) { PushResult = new ShipmentPushResult(ShipmentProgress.Pending, "proc-1") };
        var confirming = chain.Run(chain.Receive(), ShopShows("completed", Samples.T0.AddHours(1), tracking: "3SABCD1234567"));
        var sweptEarly = OrderDecider.Decide(confirming, new OverdueOrderSwept(), new(Defaults, chain.Map, Marketplaces.MarketplaceCatalog.TrendyolDescriptor, Samples.T0));
        chain.PushResult = ShipmentPushResult.Done;

        chain.Now = confirming.ShipmentCheckAt!.Value;
        var closed = chain.Run(confirming, new OverdueOrderSwept());

        Assert.Equal(OrderStatus.Shipping, confirming.Status);
        Assert.Equal(Samples.T0 + TimeSpan.FromMinutes(10), confirming.ShipmentCheckAt);
        Assert.Equal(confirming.ShipmentCheckAt, confirming.NextActionAt);
        Assert.Empty(chain.Messages);
        Assert.True(sweptEarly.IsNoOp);
        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Equal(new CheckShipmentProgress("proc-1"), chain.Effects[^1]);
    }

    [Fact]
    public void AnAsynchronousConfirmationEndsWhenTheMarketplaceShowsTheOrderShipped()
    {
        var chain = new DecisionChain(Defaults) { PushResult = new ShipmentPushResult(ShipmentProgress.Pending, "proc-1") };
        var confirming = chain.Run(chain.Receive(), ShopShows("completed", Samples.T0.AddHours(1), tracking: "3SABCD1234567"));

        var closed = chain.Run(confirming, MarketplaceShows("Shipped", Samples.T0.AddHours(2)));

        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Null(closed.NextActionAt);
        Assert.DoesNotContain(chain.Effects, e => e is CheckShipmentProgress);
    }

    [Fact]
    public void AutoTransferOffHoldsUntilTheOperatorConfirms()
    {
        var chain = new DecisionChain(Defaults with { AutoTransfer = false });
        var held = chain.Receive();

        var transferred = chain.Run(held, new OperatorConfirmed());

        Assert.Equal(HoldReason.NotAutoTransferred, held.HoldReason);
        Assert.Equal(OrderStatus.Transferred, transferred.Status);
        Assert.False(transferred.ConfirmedByOperator);
        Assert.Equal(["create-shop-order", "acknowledge-on-marketplace"], chain.Effects.Select(e => e.Name));
    }

    [Fact]
    public void ReserveOnReceiptHoldsStockWhileUnpaidThenTurnsTheReservationIntoTheOrder()
    {
        var chain = new DecisionChain(Defaults with { StockMode = StockMode.ReserveOnReceipt });
        var reserved = chain.Receive("Awaiting");

        var transferred = chain.Run(reserved, MarketplaceShows("Created", Samples.T0.AddMinutes(5)));

        Assert.Equal(HoldReason.AwaitingPayment, reserved.HoldReason);
        Assert.Equal("S1", reserved.ShopOrderId);
        Assert.Equal(OrderStatus.Transferred, transferred.Status);
        Assert.Equal(
            [new CreateShopOrder("on-hold", DecrementStock: true), new UpdateShopStatus("processing", "on-hold"), new AcknowledgeOnMarketplace()],
            chain.Effects);
    }

    [Fact]
    public void RejectingAReservedOrderReleasesTheStockAndCancelsOnTheMarketplace()
    {
        var chain = new DecisionChain(Defaults with { StockMode = StockMode.ReserveOnReceipt, AutoTransfer = false });
        var reserved = chain.Receive();

        var rejected = chain.Run(reserved, new OperatorRejected(CancellationReason.CustomerRequest));

        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.Equal(
            [new CreateShopOrder("on-hold", DecrementStock: true), new CancelShopOrder(Restock: true), new CancelOnMarketplace(CancellationReason.CustomerRequest)],
            chain.Effects);
    }

    [Fact]
    public void AnUnpaidOrderCancelledOnTheMarketplaceReleasesItsReservation()
    {
        var chain = new DecisionChain(Defaults with { StockMode = StockMode.ReserveOnReceipt });

        var cancelled = chain.Run(chain.Receive("Awaiting"), MarketplaceShows("Cancelled", Samples.T0.AddMinutes(5)));

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(new CancelShopOrder(Restock: true), chain.Effects[^1]);
    }

    [Fact]
    public void WithoutStockManagementOrdersNeitherDecreaseNorRestock()
    {
        var chain = new DecisionChain(Defaults with { StockMode = StockMode.None });

        chain.Run(chain.Receive(), MarketplaceShows("Cancelled", Samples.T0.AddMinutes(5)));

        Assert.Equal(new CreateShopOrder("processing", DecrementStock: false), chain.Effects[0]);
        Assert.Equal(new CancelShopOrder(Restock: false), chain.Effects[^1]);
    }

    [Fact]
    public void ACancellationGivesBackTheStockTheCreationTookNotWhatTheStockModeSaysNow()
    {
        var createdWithoutStock = new DecisionChain(Defaults with { StockMode = StockMode.None }).Receive();
        var decreasing = new DecisionChain(Defaults with { StockMode = StockMode.DecreaseOnTransfer });

        decreasing.Run(createdWithoutStock, MarketplaceShows("Cancelled", Samples.T0.AddMinutes(5)));

        Assert.False(createdWithoutStock.StockTaken);
        Assert.Equal([new CancelShopOrder(Restock: false)], decreasing.Effects);
    }

    [Theory]
    [InlineData(StockMode.DecreaseOnTransfer, true)]
    [InlineData(StockMode.None, false)]
    public void AMarketplaceCancellationWhileTheCreateWentUnansweredLooksUpAndCancelsTheShopOrder(StockMode mode, bool restock)
    {
        var chain = new DecisionChain(Defaults with { StockMode = mode });
        // The create was owed (and may have happened: its reply was lost, then the step gave up).
        var received = OrderState.Receive(OrderKey.Create("ty-woo", "1001"), Marketplaces.MarketplaceCatalog.Trendyol, Samples.MarketplaceOrder(), Samples.T0);
        var failed = chain.Run(received, new StepFailed("create-shop-order: timeout", 5, Permanent: false));

        var cancelled = chain.Run(failed, MarketplaceShows("Cancelled", Samples.T0.AddMinutes(5)));

        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.True(cancelled.ShopCancelled);
        Assert.Equal([new CancelShopOrder(restock)], chain.Effects);
    }

    [Fact]
    public void ACancelledOrderSeenCancelledFromTheStartLooksForNoShopOrder()
    {
        var chain = new DecisionChain(Defaults);

        var held = chain.Receive("Cancelled");
        var rejected = chain.Run(held, new OperatorRejected(CancellationReason.Other));

        Assert.False(held.ShopOrderMayExist);
        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.DoesNotContain(chain.Effects, e => e is CancelShopOrder);
    }

    [Fact]
    public void RejectingAnOrderWhoseCreateWentUnansweredCancelsTheShopOrderItMayHave()
    {
        var chain = new DecisionChain(Defaults);
        var received = OrderState.Receive(OrderKey.Create("ty-woo", "1001"), Marketplaces.MarketplaceCatalog.Trendyol, Samples.MarketplaceOrder(), Samples.T0);

        var rejected = chain.Run(received, new OperatorRejected(CancellationReason.OutOfStock));

        Assert.Equal(OrderStatus.Rejected, rejected.Status);
        Assert.Equal([new CancelShopOrder(Restock: true), new CancelOnMarketplace(CancellationReason.OutOfStock)], chain.Effects);
    }

    [Fact]
    public void AReservationIsReleasedWhenTheMarketplaceCancelsEvenWithoutCancellationTransfer()
    {
        var chain = new DecisionChain(Defaults with { StockMode = StockMode.ReserveOnReceipt, TransferCancellations = false });
        var reserved = chain.Receive("Awaiting");

        var cancelled = chain.Run(reserved, MarketplaceShows("Cancelled", Samples.T0.AddMinutes(5)));

        Assert.True(reserved.ShopOrderIsReservation);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.True(cancelled.ShopCancelled);
        Assert.Equal([new CreateShopOrder("on-hold", DecrementStock: true), new CancelShopOrder(Restock: true)], chain.Effects);
    }

    [Fact]
    public void AReservationTurnedIntoTheOrderIsLeftToTheMerchantWithoutCancellationTransfer()
    {
        var chain = new DecisionChain(Defaults with { StockMode = StockMode.ReserveOnReceipt, TransferCancellations = false });
        var transferred = chain.Run(chain.Receive("Awaiting"), MarketplaceShows("Created", Samples.T0.AddMinutes(1)));

        var cancelled = chain.Run(transferred, MarketplaceShows("Cancelled", Samples.T0.AddMinutes(5)));

        Assert.Equal(OrderStatus.Transferred, transferred.Status);
        Assert.False(transferred.ShopOrderIsReservation);
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.DoesNotContain(chain.Effects, e => e is CancelShopOrder);
    }

    [Fact]
    public void AReservationFoundInTheShopAfterItsReplyWasLostIsStillReleasedAsAReservation()
    {
        var chain = new DecisionChain(Defaults with { StockMode = StockMode.ReserveOnReceipt, TransferCancellations = false });
        // Held unpaid, owing its reservation; the reservation's reply was lost, and a re-sync finds the shop order.
        var awaiting = OrderState.Receive(OrderKey.Create("ty-woo", "1001"), Marketplaces.MarketplaceCatalog.Trendyol, Samples.MarketplaceOrder(status: "Awaiting"), Samples.T0)
            with { Status = OrderStatus.Held, HoldReason = HoldReason.AwaitingPayment };
        var found = Samples.ShopOrder(status: "on-hold", modifiedAt: Samples.T0.AddMinutes(1), orderKey: "ty-woo:1001");
        var resynced = chain.Run(awaiting, new OperatorResynced(null, found));

        var cancelled = chain.Run(resynced, MarketplaceShows("Cancelled", Samples.T0.AddMinutes(5)));

        Assert.Equal((true, true), (resynced.StockTaken ?? false, resynced.ShopOrderIsReservation));
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal([new CancelShopOrder(Restock: true)], chain.Effects);
    }

    [Fact]
    public void CancellationTransferOffRecordsTheCancellationWithoutTouchingTheOtherSide()
    {
        var chain = new DecisionChain(Defaults with { TransferCancellations = false });
        var transferred = chain.Receive();
        chain.Effects.Clear();

        var fromMarketplace = chain.Run(transferred, MarketplaceShows("Cancelled", Samples.T0.AddMinutes(5)));
        var fromShop = chain.Run(transferred, ShopShows("cancelled", Samples.T0.AddMinutes(5)));

        Assert.Equal(OrderStatus.Cancelled, fromMarketplace.Status);
        Assert.Equal(OrderStatus.Cancelled, fromShop.Status);
        Assert.Empty(chain.Effects);
    }

    [Fact]
    public void AShopCancellationOfACustomersRequestCancelsWithTheCustomersReason()
    {
        var chain = new DecisionChain(Defaults);
        var requested = chain.Run(chain.Receive(), MarketplaceShows("Created", Samples.T0.AddMinutes(1), cancellationRequested: true));

        chain.Run(requested, ShopShows("cancelled", Samples.T0.AddMinutes(5)));

        Assert.Equal(new CancelOnMarketplace(CancellationReason.CustomerRequest), chain.Effects[^1]);
    }

    [Fact]
    public void StatusChangesAreReflectedOnceThroughTheMap()
    {
        var chain = new DecisionChain(Defaults);
        var transferred = chain.Receive();
        chain.Effects.Clear();

        var invoiced = chain.Run(transferred, MarketplaceShows("Invoiced", Samples.T0.AddMinutes(5)));
        var again = OrderDecider.Decide(invoiced, new OverdueOrderSwept(), new(Defaults, chain.Map, Marketplaces.MarketplaceCatalog.TrendyolDescriptor, Samples.T0));

        Assert.Empty(chain.Effects);
        Assert.True(again.IsNoOp);

        var map = chain.Map with { Entries = [.. chain.Map.Entries.Select(e => e.MarketplaceStatus == "Invoiced" ? e with { ShopStatus = "invoiced" } : e)] };
        var custom = new DecisionChain(Defaults, map);
        var reflected = custom.Run(custom.Receive(), MarketplaceShows("Invoiced", Samples.T0.AddMinutes(5)));
        Assert.Equal(new UpdateShopStatus("invoiced", "processing"), custom.Effects[^1]);
        Assert.Equal("invoiced", reflected.AppliedShopStatus);
        Assert.Equal("Invoiced", reflected.ReflectedMarketplaceStatus);
    }

    [Fact]
    public void StatusChangeTransferOffLeavesTheShopStatusAlone()
    {
        var chain = new DecisionChain(Defaults with { TransferStatusChanges = false });
        var transferred = chain.Receive();
        chain.Effects.Clear();

        var closed = chain.Run(transferred, MarketplaceShows("Delivered", Samples.T0.AddHours(5)));

        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Empty(chain.Effects);
    }

    [Fact]
    public void WithReverseFlowTheShopsOwnStatusWinsOverAMarketplaceStatus()
    {
        var chain = new DecisionChain(Defaults with { ReverseFlow = true });
        var transferred = chain.Run(chain.Receive(), ShopShows("on-hold", Samples.T0.AddMinutes(1)));
        chain.Effects.Clear();

        var closed = chain.Run(transferred, MarketplaceShows("Delivered", Samples.T0.AddHours(5)));

        Assert.Equal(OrderStatus.Closed, closed.Status);
        Assert.Equal("on-hold", closed.ShopStatus);
        Assert.Empty(chain.Effects);
    }

    [Fact]
    public void WithoutReverseFlowTheMarketplaceStatusIsReflectedOverTheShops()
    {
        var chain = new DecisionChain(Defaults);
        var transferred = chain.Run(chain.Receive(), ShopShows("on-hold", Samples.T0.AddMinutes(1)));
        chain.Effects.Clear();

        chain.Run(transferred, MarketplaceShows("Delivered", Samples.T0.AddHours(5)));

        Assert.Equal(new UpdateShopStatus("completed", "on-hold"), Assert.Single(chain.Effects));
    }

    [Fact]
    public void WithReverseFlowAShopStatusThatAcknowledgesAcknowledgesOnTheMarketplace()
    {
        var map = DefaultStatusMaps.For(Marketplaces.MarketplaceCatalog.TrendyolDescriptor);
        map = map with { Reverse = [.. map.Reverse, new ReverseStatusMapEntry("packed", ReverseAction.Acknowledge, Active: true)] };
        var chain = new DecisionChain(Defaults with { ApproveOnReceipt = false, ReverseFlow = true }, map);
        var transferred = chain.Receive();
        chain.Effects.Clear();

        var acknowledged = chain.Run(transferred, ShopShows("packed", Samples.T0.AddMinutes(1)));

        Assert.False(transferred.Acknowledged);
        Assert.Equal([new AcknowledgeOnMarketplace()], chain.Effects);
        Assert.True(acknowledged.Acknowledged);
    }

    [Fact]
    public void TheHubsOwnShopStatusNeverCountsAsAShopSideChange()
    {
        var map = DefaultStatusMaps.For(Marketplaces.MarketplaceCatalog.TrendyolDescriptor);
        map = map with { Reverse = [.. map.Reverse, new ReverseStatusMapEntry("processing", ReverseAction.Acknowledge, Active: true)] };
        var chain = new DecisionChain(Defaults with { ApproveOnReceipt = false, ReverseFlow = true }, map);

        var transferred = chain.Receive();

        Assert.Equal(OrderStatus.Transferred, transferred.Status);
        Assert.Equal(["create-shop-order"], chain.Effects.Select(e => e.Name));
    }

    [Fact]
    public void ACustomStatusStaysUntilTheMarketplaceMovesOn()
    {
        var map = DefaultStatusMaps.For(Marketplaces.MarketplaceCatalog.TrendyolDescriptor);
        map = map with { Entries = [.. map.Entries.Select(e => e.MarketplaceStatus == "Invoiced" ? e with { ShopStatus = "invoiced" } : e)] };
        var chain = new DecisionChain(Defaults, map);
        var labelled = chain.Run(chain.Receive(), new OperatorSetCustomStatus("CALL BACK"));
        var swept = OrderDecider.Decide(labelled, new OverdueOrderSwept(), new(Defaults, map, Marketplaces.MarketplaceCatalog.TrendyolDescriptor, Samples.T0));

        var invoiced = chain.Run(labelled, MarketplaceShows("Invoiced", Samples.T0.AddMinutes(5)));

        Assert.Equal("CALL BACK", labelled.AppliedShopStatus);
        Assert.Equal("CALL BACK", labelled.CustomStatus);
        Assert.True(swept.IsNoOp);
        Assert.Equal("invoiced", invoiced.AppliedShopStatus);
        Assert.Equal(new UpdateShopStatus("invoiced", "CALL BACK"), chain.Effects[^1]);
    }

    [Fact]
    public void AnUnmappedStatusIsHeldWithOneErrorNotificationAndResumesOnceMapped()
    {
        var full = DefaultStatusMaps.For(Marketplaces.MarketplaceCatalog.TrendyolDescriptor);
        var withoutCreated = full with { Entries = [.. full.Entries.Where(e => e.MarketplaceStatus != "Created")] };
        var chain = new DecisionChain(Defaults, withoutCreated);
        var held = chain.Receive("Created");
        var resyncedStillUnmapped = OrderDecider.Decide(held, new OperatorResynced(null, null), new(Defaults, withoutCreated, Marketplaces.MarketplaceCatalog.TrendyolDescriptor, Samples.T0));

        var mapped = new DecisionChain(Defaults, full);
        var resumed = mapped.Run(held, new OperatorResynced(Samples.MarketplaceOrder(status: "Created"), null));

        Assert.Equal(HoldReason.UnmappedStatus, held.HoldReason);
        Assert.Empty(chain.Effects);
        var notice = Assert.IsType<NotifyOrderError>(Assert.Single(chain.Messages));
        Assert.Equal(OrderErrorKind.UnmappedStatus, notice.Kind);
        Assert.Contains("'Created'", notice.Reason, StringComparison.Ordinal);
        Assert.True(resyncedStillUnmapped.IsNoOp);
        Assert.Equal(OrderStatus.Transferred, resumed.Status);
        Assert.Empty(mapped.Messages);
    }

    [Fact]
    public void WithErrorNotificationsOffAHoldAndAFailureSendNothing()
    {
        var chain = new DecisionChain(Defaults with { NotifyErrors = false }, Samples.TrendyolMapWithGaps());

        var failed = chain.Run(chain.Receive("UnPacked"), new StepFailed("boom", 5, Permanent: false));

        Assert.Equal(OrderStatus.Failed, failed.Status);
        Assert.Empty(chain.Messages);
    }

    [Fact]
    public void ACancelledOrderFirstSeenIsCreatedOnlyWithProcessInclusion()
    {
        var map = DefaultStatusMaps.For(Marketplaces.MarketplaceCatalog.TrendyolDescriptor);
        var including = map with { Entries = [.. map.Entries.Select(e => e.MarketplaceStatus == "Cancelled" ? e with { ProcessInclusion = true } : e)] };
        var excluded = new DecisionChain(Defaults, map);
        var included = new DecisionChain(Defaults, including);

        var notIncluded = excluded.Receive("Cancelled");
        var created = included.Receive("Cancelled");

        Assert.Equal(HoldReason.NotIncluded, notIncluded.HoldReason);
        Assert.Empty(excluded.Effects);
        Assert.Equal(OrderStatus.Cancelled, created.Status);
        Assert.True(created.ShopCancelled);
        Assert.Equal([new CreateShopOrder("cancelled", DecrementStock: false)], included.Effects);
    }

    [Fact]
    public void AFailedOrderResumesWhereItFailedOnReSync()
    {
        var chain = new DecisionChain(Defaults);
        var shipping = chain.Run(chain.Receive(), ShopShows("completed", Samples.T0.AddHours(1), tracking: "3SABCD1234567"));
        Assert.Equal(OrderStatus.Closed, shipping.Status);

        var failedWhileShipping = shipping with { Status = OrderStatus.Failed, FailedFrom = OrderStatus.Shipping, FailureReason = "timeout", FailedAttempts = 5, ShipmentPushed = false };
        chain.Effects.Clear();
        var resumed = chain.Run(failedWhileShipping, new OperatorResynced(null, null));

        Assert.Equal(OrderStatus.Closed, resumed.Status);
        Assert.Null(resumed.FailureReason);
        Assert.IsType<PushShipment>(Assert.Single(chain.Effects));
    }

    [Fact]
    public void ARejectedShipmentFailsTheOrderWithTheMarketplacesReason()
    {
        var chain = new DecisionChain(Defaults) { PushResult = new ShipmentPushResult(ShipmentProgress.Failed, Error: "unknown transporter") };

        var failed = chain.Run(chain.Receive(), ShopShows("completed", Samples.T0.AddHours(1), tracking: "3SABCD1234567"));

        Assert.Equal(OrderStatus.Failed, failed.Status);
        Assert.Equal(OrderStatus.Shipping, failed.FailedFrom);
        Assert.Contains("unknown transporter", failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(OrderErrorKind.Failed, Assert.IsType<NotifyOrderError>(Assert.Single(chain.Messages)).Kind);
    }
}

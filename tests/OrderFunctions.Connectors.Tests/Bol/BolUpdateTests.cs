using OrderFunctions.Connectors.Bol;
using OrderFunctions.Sandbox.Bol;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Bol;

public sealed class BolUpdateTests : IAsyncLifetime
{
    private BolHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BolHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static ShipmentInfo PostNl => new() { TrackingCode = "3SABCD1234567", CarrierCode = "TNT", ShipmentReference = "WEBSHOP-1001" };

    [Fact]
    public async Task AShipmentIsPendingUntilBolsProcessSucceeds()
    {
        var (orderId, items) = _harness.AddOrder();
        var connector = _harness.Connector();

        var pushed = await connector.PushShipmentAsync(await _harness.ReadAsync(connector, orderId), PostNl, CancellationToken.None);
        var first = await connector.GetShipmentProgressAsync(pushed.ProcessId!, CancellationToken.None);
        var second = await connector.GetShipmentProgressAsync(pushed.ProcessId!, CancellationToken.None);

        Assert.Equal((ShipmentProgress.Pending, ShipmentProgress.Pending, ShipmentProgress.Done), (pushed.Progress, first.Progress, second.Progress));
        var request = Assert.Single(_harness.State.ShipmentRequests);
        Assert.Equal(items.Select(i => i.OrderItemId), request.OrderItemIds);
        Assert.Equal(("WEBSHOP-1001", "TNT", "3SABCD1234567"), (request.ShipmentReference, request.TransporterCode, request.TrackAndTrace));
        Assert.Equal("SHIPPED", (await _harness.ReadAsync(connector, orderId)).Status);
    }

    [Fact]
    public async Task PushingAgainWhileBolIsProcessingFollowsTheFirstShipment()
    {
        var (orderId, _) = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await _harness.ReadAsync(connector, orderId);

        var first = await connector.PushShipmentAsync(order, PostNl, CancellationToken.None);
        var again = await _harness.Connector().PushShipmentAsync(order, PostNl, CancellationToken.None);

        Assert.Equal(ShipmentProgress.Pending, again.Progress);
        Assert.Equal(first.ProcessId, again.ProcessId);
        Assert.Single(_harness.State.ShipmentRequests);
    }

    [Fact]
    public async Task PushingAnAlreadyShippedOrderIsDoneWithoutSending()
    {
        var (orderId, _) = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await _harness.ReadAsync(connector, orderId);
        Assert.Equal(ShipmentProgress.Done, (await BolHarness.FollowAsync(connector, await connector.PushShipmentAsync(order, PostNl, CancellationToken.None))).Progress);

        var again = await connector.PushShipmentAsync(order, PostNl, CancellationToken.None);

        Assert.Equal(ShipmentProgress.Done, again.Progress);
        Assert.Single(_harness.State.ShipmentRequests);
    }

    [Fact]
    public async Task OnlyTheItemsStillOpenAreShipped()
    {
        var (orderId, items) = _harness.AddOrder();
        _harness.State.MarkCancelled(items[1].OrderItemId);
        var connector = _harness.Connector();

        await BolHarness.FollowAsync(connector, await connector.PushShipmentAsync(await _harness.ReadAsync(connector, orderId), PostNl, CancellationToken.None));

        Assert.Equal([items[0].OrderItemId], Assert.Single(_harness.State.ShipmentRequests).OrderItemIds);
        Assert.Equal("SHIPPED", (await _harness.ReadAsync(connector, orderId)).Status);
    }

    [Fact]
    public async Task AProcessFailureIsReportedWithBolsReason()
    {
        var (orderId, _) = _harness.AddOrder();
        _harness.State.FailNextProcesses(1, "Invalid track and trace code.");
        var connector = _harness.Connector();

        var result = await BolHarness.FollowAsync(connector, await connector.PushShipmentAsync(await _harness.ReadAsync(connector, orderId), PostNl, CancellationToken.None));

        Assert.Equal(ShipmentProgress.Failed, result.Progress);
        Assert.Contains("Invalid track and trace code.", result.Error, StringComparison.Ordinal);
        Assert.Equal("OPEN", (await _harness.ReadAsync(connector, orderId)).Status);
    }

    [Fact]
    public async Task AProcessTimeoutIsReportedAsFailedAndAFreshPushShipsOnce()
    {
        var (orderId, _) = _harness.AddOrder();
        _harness.State.TimeOutNextProcesses(1);
        var connector = _harness.Connector();
        var order = await _harness.ReadAsync(connector, orderId);

        var timedOut = await BolHarness.FollowAsync(connector, await connector.PushShipmentAsync(order, PostNl, CancellationToken.None));
        var retried = await BolHarness.FollowAsync(connector, await connector.PushShipmentAsync(order, PostNl, CancellationToken.None));

        Assert.Equal((ShipmentProgress.Failed, ShipmentProgress.Done), (timedOut.Progress, retried.Progress));
        Assert.Contains("TIMEOUT", timedOut.Error, StringComparison.Ordinal);
        Assert.Equal(2, _harness.State.ShipmentRequests.Count);
    }

    [Fact]
    public async Task AShipmentWithoutACarrierGoesAsOther()
    {
        var (orderId, _) = _harness.AddOrder();
        var connector = _harness.Connector();

        await connector.PushShipmentAsync(await _harness.ReadAsync(connector, orderId), new ShipmentInfo { ShipmentReference = "R-1" }, CancellationToken.None);

        var request = Assert.Single(_harness.State.ShipmentRequests);
        Assert.Equal(("OTHER", null), (request.TransporterCode, request.TrackAndTrace));
    }

    [Fact]
    public async Task PushingACancelledOrderFails()
    {
        var (orderId, items) = _harness.AddOrder();
        items.ToList().ForEach(i => _harness.State.MarkCancelled(i.OrderItemId));
        var connector = _harness.Connector();

        var result = await connector.PushShipmentAsync(await _harness.ReadAsync(connector, orderId), PostNl, CancellationToken.None);

        Assert.Equal(ShipmentProgress.Failed, result.Progress);
        Assert.Empty(_harness.State.ShipmentRequests);
    }

    [Fact]
    public async Task AProcessBolNoLongerKnowsReadsAsFailed()
    {
        var result = await _harness.Connector().GetShipmentProgressAsync("404404", CancellationToken.None);

        Assert.Equal(ShipmentProgress.Failed, result.Progress);
    }

    [Fact]
    public async Task CancelLinesCancelsEachItemOnceWithTheReasonCode()
    {
        var (orderId, items) = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await _harness.ReadAsync(connector, orderId);
        LineQuantity[] lines = [.. order.Lines.Select(l => new LineQuantity(l.LineId, l.Quantity))];

        await connector.CancelLinesAsync(order, lines, CancellationReason.OutOfStock, CancellationToken.None);
        await connector.CancelLinesAsync(order, lines, CancellationReason.OutOfStock, CancellationToken.None);

        Assert.Equal(items.Select(i => (i.OrderItemId, "OUT_OF_STOCK")), _harness.State.CancellationRequests.Select(r => (r.OrderItemId, r.ReasonCode)));
        Assert.Equal("CANCELLED", (await _harness.ReadAsync(connector, orderId)).Status);
    }

    [Theory]
    [InlineData(CancellationReason.OutOfStock, "OUT_OF_STOCK")]
    [InlineData(CancellationReason.CustomerRequest, "REQUESTED_BY_CUSTOMER")]
    [InlineData(CancellationReason.DefectiveItem, "BAD_CONDITION")]
    [InlineData(CancellationReason.WrongPrice, "INCORRECT_PRICE")]
    [InlineData(CancellationReason.IntegrationProblem, "TECH_ISSUE")]
    [InlineData(CancellationReason.Other, "OTHER")]
    public async Task CancellationReasonsMapToBolReasonCodes(CancellationReason reason, string reasonCode)
    {
        var (orderId, _) = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await _harness.ReadAsync(connector, orderId);

        await connector.CancelLinesAsync(order, [new LineQuantity(order.Lines[0].LineId, 2)], reason, CancellationToken.None);

        Assert.Equal(reasonCode, Assert.Single(_harness.State.CancellationRequests).ReasonCode);
    }

    [Fact]
    public async Task ConfirmingTheCustomersCancellationRequestCancelsTheOrder()
    {
        var (orderId, items) = _harness.AddOrder(new BolItemSeed("8712345678901", "Lamp", 1, 20m));
        _harness.State.RequestCancellation(items[0].OrderItemId);
        var connector = _harness.Connector();
        var order = await _harness.ReadAsync(connector, orderId);
        Assert.Equal("CANCELLATION_REQUESTED", order.Status);

        await connector.CancelLinesAsync(order, [new LineQuantity(items[0].OrderItemId, 1)], CancellationReason.CustomerRequest, CancellationToken.None);

        Assert.Equal("CANCELLED", (await _harness.ReadAsync(connector, orderId)).Status);
    }

    [Fact]
    public async Task ACancellationStillPendingFailsTransientlyAndIsFollowedNotRepeated()
    {
        await using var slow = await BolHarness.StartAsync(new BolSimulatorOptions { ProcessReadsWhilePending = 50 });
        var (orderId, items) = slow.AddOrder(new BolItemSeed("8712345678901", "Lamp", 1, 20m));
        var connector = slow.Connector(settings: new BolSettings { ProcessPollAttempts = 2, ProcessPollDelay = TimeSpan.FromMilliseconds(1) });
        var order = await slow.ReadAsync(connector, orderId);
        LineQuantity[] lines = [new(items[0].OrderItemId, 1)];

        var pending = await Assert.ThrowsAsync<ConnectorException>(() => connector.CancelLinesAsync(order, lines, CancellationReason.OutOfStock, CancellationToken.None));
        await Assert.ThrowsAsync<ConnectorException>(() => connector.CancelLinesAsync(order, lines, CancellationReason.OutOfStock, CancellationToken.None));
        slow.State.CompletePendingProcesses();
        await connector.CancelLinesAsync(order, lines, CancellationReason.OutOfStock, CancellationToken.None);

        Assert.True(pending.IsTransient);
        Assert.Single(slow.State.CancellationRequests);
        Assert.Equal("CANCELLED", (await slow.ReadAsync(connector, orderId)).Status);
    }

    [Fact]
    public async Task ACancellationBolRefusesFailsNamingTheItem()
    {
        var (orderId, items) = _harness.AddOrder();
        _harness.State.FailNextProcesses(1, "Order item is already being shipped.");
        var connector = _harness.Connector();
        var order = await _harness.ReadAsync(connector, orderId);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.CancelLinesAsync(
            order, [new LineQuantity(items[0].OrderItemId, 2)], CancellationReason.OutOfStock, CancellationToken.None));

        Assert.Equal(("bol", orderId, "orderItemId", false), (error.Platform, error.OrderId, error.Field, error.IsTransient));
        Assert.Contains("already being shipped", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingAShippedItemFails()
    {
        var (orderId, items) = _harness.AddOrder();
        _harness.State.MarkShipped(items[0].OrderItemId);
        var connector = _harness.Connector();
        var order = await _harness.ReadAsync(connector, orderId);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.CancelLinesAsync(order, [new LineQuantity(items[0].OrderItemId, 2)], CancellationReason.OutOfStock, CancellationToken.None));

        Assert.Equal("orderItemId", error.Field);
        Assert.Empty(_harness.State.CancellationRequests);
    }

    [Fact]
    public async Task StockIsSetOnTheRetailersOfferByReferenceAndOnlyWhenItChanged()
    {
        var offer = _harness.State.AddOffer(new BolOfferSeed("8712345678901", "SKU-1", 3));
        var warehouse = _harness.State.AddOffer(new BolOfferSeed("8712345678901", "SKU-1", 10) { FulfilmentMethod = "FBB" });
        var connector = _harness.Connector();

        await connector.UpdateStockAsync([new StockLevel("SKU-1", 7)], CancellationToken.None);
        await connector.UpdateStockAsync([new StockLevel("SKU-1", 7)], CancellationToken.None);

        Assert.Equal([new BolStockUpdate(offer.OfferId, 7, true)], _harness.State.StockUpdates);
        Assert.Equal(10, _harness.State.GetOffer(warehouse.OfferId).Stock);
    }

    [Fact]
    public async Task StockFindsAnOfferWithoutReferenceByItsEan()
    {
        var offer = _harness.State.AddOffer(new BolOfferSeed("8712345678901", null, 3));

        await _harness.Connector().UpdateStockAsync([new StockLevel("SKU-9", 0) { Barcode = "8712345678901" }], CancellationToken.None);

        Assert.Equal(0, _harness.State.GetOffer(offer.OfferId).Stock);
    }

    [Fact]
    public async Task StockOfASkuBolDoesNotSellIsSkipped()
    {
        _harness.State.AddOffer(new BolOfferSeed("8712345678901", "SKU-1", 3));

        await _harness.Connector().UpdateStockAsync([new StockLevel("SKU-UNKNOWN", 4)], CancellationToken.None);

        Assert.Empty(_harness.State.StockUpdates);
    }
}

using System.Globalization;
using OrderFunctions.Connectors.Trendyol;
using OrderFunctions.Sandbox.Trendyol;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Trendyol;

public sealed class TrendyolUpdateTests : IAsyncLifetime
{
    private TrendyolHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await TrendyolHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task AcknowledgeMovesACreatedPackageToPickingOnce()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await ReadAsync(connector, package);

        await connector.AcknowledgeAsync(order, invoiceNumber: null, CancellationToken.None);
        await connector.AcknowledgeAsync(order, invoiceNumber: null, CancellationToken.None);

        Assert.Equal([new TrendyolStatusUpdate(package.Id, TrendyolStatuses.Picking, null)], _harness.State.StatusUpdates);
        Assert.True((await ReadAsync(connector, package)).Acknowledged);
    }

    [Fact]
    public async Task AcknowledgeRightAfterTheListingUsesTheListingsReadOfThePackages()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await ListTheOnlyOrderAsync(connector);
        var readsBefore = OrderReads(package);

        await connector.AcknowledgeAsync(order, invoiceNumber: null, CancellationToken.None);

        Assert.Equal(readsBefore, OrderReads(package));
        Assert.Equal([new TrendyolStatusUpdate(package.Id, TrendyolStatuses.Picking, null)], _harness.State.StatusUpdates);
    }

    [Fact]
    public async Task APackageThatMovedOnAfterTheListingIsReadAfreshAndLeftAlone()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await ListTheOnlyOrderAsync(connector);
        // The customer cancels between the listing and the acknowledgement: Picking is refused now.
        _harness.State.SetStatus(package.Id, TrendyolStatuses.Cancelled);

        await connector.AcknowledgeAsync(order, invoiceNumber: null, CancellationToken.None);

        Assert.Empty(_harness.State.StatusUpdates);
        Assert.Equal(TrendyolStatuses.Cancelled, (await ReadAsync(connector, package)).Status);
    }

    [Fact]
    public async Task AcknowledgeWithAnInvoiceNumberMovesToPickingThenInvoicedOnce()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await ReadAsync(connector, package);

        await connector.AcknowledgeAsync(order, "EME2018000025208", CancellationToken.None);
        await connector.AcknowledgeAsync(order, "EME2018000025208", CancellationToken.None);

        Assert.Equal(
            [new TrendyolStatusUpdate(package.Id, TrendyolStatuses.Picking, null), new TrendyolStatusUpdate(package.Id, TrendyolStatuses.Invoiced, "EME2018000025208")],
            _harness.State.StatusUpdates);
    }

    [Theory]
    [InlineData(TrendyolStatuses.Invoiced)]
    [InlineData(TrendyolStatuses.Shipped)]
    [InlineData(TrendyolStatuses.Cancelled)]
    [InlineData(TrendyolStatuses.Awaiting)]
    public async Task AcknowledgeLeavesAPackageThatCannotBePickedAlone(string status)
    {
        var package = _harness.AddOrder(status);
        var connector = _harness.Connector();

        await connector.AcknowledgeAsync(await ReadAsync(connector, package), "INV-1", CancellationToken.None);

        Assert.Empty(_harness.State.StatusUpdates);
    }

    [Fact]
    public async Task PushShipmentSendsTheTrackingCodeOnceToEveryOpenPackage()
    {
        var package = _harness.AddOrder();
        var newIds = _harness.State.SplitPackage(package.Id, [package.Lines[0].LineId], [package.Lines[1].LineId]);
        var connector = _harness.Connector();
        var order = await ReadAsync(connector, package);
        var shipment = new ShipmentInfo { TrackingCode = "JJD000390007788", CarrierCode = "DHLMP", ShipmentReference = "ship-1" };

        var first = await connector.PushShipmentAsync(order, shipment, CancellationToken.None);
        var again = await connector.PushShipmentAsync(order, shipment, CancellationToken.None);

        Assert.Equal(ShipmentProgress.Done, first.Progress);
        Assert.Equal(ShipmentProgress.Done, again.Progress);
        Assert.Equal(newIds.Select(id => new TrendyolTrackingUpdate(id, "JJD000390007788", "DHLMP")), _harness.State.TrackingUpdates);
        Assert.Equal(newIds.Select(id => new TrendyolStatusUpdate(id, TrendyolStatuses.Picking, null)), _harness.State.StatusUpdates);
    }

    [Fact]
    public async Task PushShipmentWithTheInvoiceNumberInvoicesBeforeSendingTracking()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector();

        await connector.PushShipmentAsync(await ReadAsync(connector, package),
            new ShipmentInfo { TrackingCode = "1Z999AA10123456784", CarrierCode = "DHLMP", InvoiceNumber = "INV-7", ShipmentReference = "s" }, CancellationToken.None);

        Assert.Equal([TrendyolStatuses.Picking, TrendyolStatuses.Invoiced], _harness.State.StatusUpdates.Select(u => u.Status));
        Assert.Single(_harness.State.TrackingUpdates);
        Assert.Equal(TrendyolStatuses.Invoiced, _harness.State.GetPackage(package.Id).Status);
    }

    [Fact]
    public async Task PushShipmentWithTrendyolsOwnLabelSendsNoTrackingCode()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector();
        var label = package.CargoTrackingNumber.ToString(CultureInfo.InvariantCulture);

        var result = await connector.PushShipmentAsync(await ReadAsync(connector, package),
            new ShipmentInfo { TrackingCode = label, CarrierCode = null, ShipmentReference = "s" }, CancellationToken.None);

        Assert.Equal(ShipmentProgress.Done, result.Progress);
        Assert.Empty(_harness.State.TrackingUpdates);
        Assert.Equal(TrendyolStatuses.Picking, _harness.State.GetPackage(package.Id).Status);
    }

    [Fact]
    public async Task PushShipmentWithoutAProviderCodeFailsNamingTheField()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector();

        var order = await ReadAsync(connector, package);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => connector.PushShipmentAsync(order,
            new ShipmentInfo { TrackingCode = "3SABCD1234567", CarrierCode = null, ShipmentReference = "s" }, CancellationToken.None));

        Assert.Equal(("trendyol", package.OrderNumber, "providerCode", false), (error.Platform, error.OrderId, error.Field, error.IsTransient));
        Assert.Empty(_harness.State.TrackingUpdates);
    }

    [Fact]
    public async Task PushShipmentOfAnAlreadyShippedOrderIsDoneWithoutSending()
    {
        var package = _harness.AddOrder(TrendyolStatuses.Shipped);
        var connector = _harness.Connector();

        var result = await connector.PushShipmentAsync(await ReadAsync(connector, package),
            new ShipmentInfo { TrackingCode = "3SABCD1234567", CarrierCode = "DHLMP", ShipmentReference = "s" }, CancellationToken.None);

        Assert.Equal(ShipmentProgress.Done, result.Progress);
        Assert.Empty(_harness.State.TrackingUpdates);
        Assert.Empty(_harness.State.StatusUpdates);
    }

    [Fact]
    public async Task PushShipmentOfACancelledOrderFails()
    {
        var package = _harness.AddOrder(TrendyolStatuses.Cancelled);
        var connector = _harness.Connector();

        var result = await connector.PushShipmentAsync(await ReadAsync(connector, package),
            new ShipmentInfo { TrackingCode = "3SABCD1234567", CarrierCode = "DHLMP", ShipmentReference = "s" }, CancellationToken.None);

        Assert.Equal(ShipmentProgress.Failed, result.Progress);
        Assert.Empty(_harness.State.TrackingUpdates);
    }

    [Fact]
    public async Task CancelLinesUnsuppliesALineOnceWithTheReasonId()
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await ReadAsync(connector, package);
        var line = order.Lines.Single(l => l.Sku.EndsWith("-A", StringComparison.Ordinal));

        await connector.CancelLinesAsync(order, [new LineQuantity(line.LineId, line.Quantity)], CancellationReason.OutOfStock, CancellationToken.None);
        await connector.CancelLinesAsync(order, [new LineQuantity(line.LineId, line.Quantity)], CancellationReason.OutOfStock, CancellationToken.None);

        var record = Assert.Single(_harness.State.Unsupplied);
        Assert.Equal((package.Id, 500), (record.PackageId, record.ReasonId));
        var after = await ReadAsync(connector, package);
        Assert.Equal(line.Quantity, after.Lines.Single(l => l.LineId == line.LineId).QuantityCancelled);
        Assert.DoesNotContain(package.Id.ToString(CultureInfo.InvariantCulture), after.PackageIds);
        Assert.Single(after.PackageIds);
    }

    [Fact]
    public async Task CancellingPartOfALineIsNotRepeatedAfterTrendyolRepacksIt()
    {
        var package = _harness.AddOrder(null, new TrendyolLineSeed("BC-X", "SKU-X", "Cup", 3, 5m));
        var connector = _harness.Connector();
        var order = await ReadAsync(connector, package);
        var lineId = Assert.Single(order.Lines).LineId;

        await connector.CancelLinesAsync(order, [new LineQuantity(lineId, 1)], CancellationReason.DefectiveItem, CancellationToken.None);
        await connector.CancelLinesAsync(order, [new LineQuantity(lineId, 1)], CancellationReason.DefectiveItem, CancellationToken.None);

        Assert.Single(_harness.State.Unsupplied);
        var after = await ReadAsync(connector, package);
        Assert.Equal((3, 1), (after.Lines.Sum(l => l.Quantity), after.Lines.Sum(l => l.QuantityCancelled)));
        Assert.Equal(TrendyolStatuses.Created, after.Status);
    }

    [Theory]
    [InlineData(CancellationReason.OutOfStock, 500)]
    [InlineData(CancellationReason.DefectiveItem, 501)]
    [InlineData(CancellationReason.WrongPrice, 502)]
    [InlineData(CancellationReason.IntegrationProblem, 504)]
    [InlineData(CancellationReason.CustomerRequest, 504)]
    [InlineData(CancellationReason.Other, 504)]
    public async Task CancellationReasonsMapToTrendyolReasonIds(CancellationReason reason, int reasonId)
    {
        var package = _harness.AddOrder();
        var connector = _harness.Connector();
        var order = await ReadAsync(connector, package);

        await connector.CancelLinesAsync(order, [new LineQuantity(order.Lines[0].LineId, 1)], reason, CancellationToken.None);

        Assert.Equal(reasonId, Assert.Single(_harness.State.Unsupplied).ReasonId);
    }

    [Fact]
    public async Task CancellingAShippedLineFailsNamingTheLine()
    {
        var package = _harness.AddOrder(TrendyolStatuses.Shipped);
        var connector = _harness.Connector();
        var order = await ReadAsync(connector, package);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            connector.CancelLinesAsync(order, [new LineQuantity(order.Lines[0].LineId, 1)], CancellationReason.OutOfStock, CancellationToken.None));

        Assert.Equal(("lineId", false), (error.Field, error.IsTransient));
        Assert.Empty(_harness.State.Unsupplied);
    }

    [Fact]
    public async Task StockIsSetAbsolutelyByBarcodeAndNotSentTwice()
    {
        var connector = _harness.Connector();
        StockLevel[] levels = [new("SKU-1", 7) { Barcode = "BC-1" }, new("BC-2", 0)];

        await connector.UpdateStockAsync(levels, CancellationToken.None);
        await connector.UpdateStockAsync(levels, CancellationToken.None);

        Assert.Single(_harness.State.StockRequests);
        Assert.Equal((7, 0), (_harness.State.StockOf("BC-1"), _harness.State.StockOf("BC-2")));
    }

    [Fact]
    public async Task StockIsSentInRequestsOfAtMostAThousandItems()
    {
        var levels = Enumerable.Range(0, 2500).Select(i => new StockLevel($"SKU-{i}", i % 50) { Barcode = $"BC-{i:D5}" }).ToList();

        await _harness.Connector().UpdateStockAsync(levels, CancellationToken.None);

        Assert.Equal([1000, 1000, 500], _harness.State.StockRequests.Select(r => r.Items.Count));
    }

    [Fact]
    public async Task TrendyolsSameRequestRejectionMeansTheStockIsAlreadySet()
    {
        StockLevel[] levels = [new("SKU-1", 3) { Barcode = "BC-1" }];
        await _harness.Connector().UpdateStockAsync(levels, CancellationToken.None);

        // A new instance (another process after a crash) does not remember the first request.
        await _harness.Connector().UpdateStockAsync(levels, CancellationToken.None);

        Assert.Single(_harness.State.StockRequests);
        Assert.Equal(1, _harness.State.StockRejectedAsDuplicate);
        Assert.Equal(3, _harness.State.StockOf("BC-1"));
    }

    [Fact]
    public async Task StockOutsideTrendyolsRangeIsClamped()
    {
        await _harness.Connector().UpdateStockAsync([new("A", -4) { Barcode = "BC-A" }, new("B", 50_000) { Barcode = "BC-B" }], CancellationToken.None);

        Assert.Equal((0, 20_000), (_harness.State.StockOf("BC-A"), _harness.State.StockOf("BC-B")));
    }

    /// <summary>Lists as the poll does; the window ends at the connector's now, so a package from this very millisecond
    /// would fall outside it: the clock is let past it first.</summary>
    private async Task<MarketplaceOrder> ListTheOnlyOrderAsync(TrendyolMarketplace connector)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(20));
        var page = await connector.ListChangedOrdersAsync(DateTimeOffset.UnixEpoch, _harness.Time.GetUtcNow(), null, CancellationToken.None);
        return Assert.Single(page.Orders);
    }

    private int OrderReads(TrendyolPackageView package) => _harness.State.ListQueries.Count(q => q.OrderNumber == package.OrderNumber);

    private static async Task<MarketplaceOrder> ReadAsync(TrendyolMarketplace connector, TrendyolPackageView package) =>
        await connector.GetOrderAsync(package.OrderNumber, CancellationToken.None) ?? throw new InvalidOperationException("The order is gone.");
}

using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Bol;

/// <summary>
/// A bol.com retailer account through the Retailer API (reference B; decisions in docs/connectors/bol.md): orders,
/// shipments and cancellations on v10, offer stock on v11. Changes are asynchronous at bol (202 + process status), so
/// before sending one the connector reads the order and the processes already under way: an item already shipped or
/// cancelled is not sent again, and a shipment or cancellation still PENDING from an earlier attempt is followed
/// instead of repeated.
/// </summary>
public sealed class BolMarketplace : IMarketplace
{
    private const string Platform = MarketplaceCatalog.Bol;

    private readonly PlatformClient _client;
    private readonly BolSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="account">Kind <c>bol</c>; <see cref="ConnectorAccount.BaseUrl"/> the API root (<c>https://api.bol.com/</c>).</param>
    /// <param name="credentialsJson">The secret: <c>{"clientId","clientSecret","tokenUrl"?}</c>.</param>
    public BolMarketplace(
        ConnectorAccount account,
        string credentialsJson,
        ConnectorClientOptions clientOptions,
        TimeProvider timeProvider,
        BolSettings? settings = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var tokens = new BolTokenSource(BolAccount.From(account, credentialsJson), clientOptions, timeProvider);
        _settings = settings ?? new BolSettings();
        _settings.Validate();
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _client = new PlatformClient(Platform, account.BaseUrl, clientOptions, new BolRateLimitPolicy(timeProvider), new BolAuthPolicy(tokens));
    }

    public async Task<MarketplaceOrderPage> ListChangedOrdersAsync(DateTimeOffset since, DateTimeOffset until, string? pageToken, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var earliest = now - BolApi.QueryableHistory;
        if (since < earliest)
        {
            if (pageToken is null)
            {
                BolLog.HistoryClamped(_logger, earliest);
            }

            since = earliest;
        }

        until = until < now ? until : now;
        if (since >= until)
        {
            return new MarketplaceOrderPage([], null);
        }

        var cursor = pageToken is null ? BolListCursor.First(since, now) : BolListCursor.Parse(pageToken);
        while (true)
        {
            var query = BolApi.Invariant($"{BolApi.Orders}?page={cursor.Page}&fulfilment-method=FBR&status=ALL&{cursor.Filter}");
            using var document = await GetJsonAsync(query, BolApi.RetailerV10, orderId: null, cancellationToken);
            var listed = BolOrderReader.ReadList(PayloadReader.Root(document.RootElement, Platform));
            var next = listed.Count == BolApi.OrdersPerPage ? cursor.NextPage() : cursor.NextSegment(until);

            // bol's filters are coarse (minutes back from now, whole days): keep the orders changed in the window.
            var changed = listed.Where(o => o.ItemChanges.Any(at => at >= since && at < until)).ToList();
            if (changed.Count == 0 && next is { } nextCursor)
            {
                cursor = nextCursor;
                continue;
            }

            var orders = new List<MarketplaceOrder>();
            foreach (var entry in changed)
            {
                if (await GetOrderAsync(entry.OrderId, cancellationToken) is { } order)
                {
                    orders.Add(order);
                }
            }

            return new MarketplaceOrderPage(orders, next?.ToToken());
        }
    }

    public async Task<MarketplaceOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        JsonDocument document;
        try
        {
            document = await GetJsonAsync(BolApi.Order(orderId), BolApi.RetailerV10, orderId, cancellationToken);
        }
        catch (ConnectorException e) when (e.HttpStatus == 404)
        {
            return null;
        }

        using (document)
        {
            var order = BolOrderReader.ReadOrder(PayloadReader.Root(document.RootElement, Platform, orderId));
            return order is null || order.OrderId == orderId
                ? order
                : throw new ConnectorException(Platform, $"{Platform} order {orderId}: bol answered with order {order.OrderId}.", isTransient: false, orderId: orderId, field: "orderId");
        }
    }

    /// <summary>bol has no acknowledge step.</summary>
    public Task AcknowledgeAsync(MarketplaceOrder order, string? invoiceNumber, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<ShipmentPushResult> PushShipmentAsync(MarketplaceOrder order, ShipmentInfo shipment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(shipment);
        if (shipment.ShipmentReference.Length is 0 or > BolApi.MaxShipmentReferenceLength)
        {
            throw new ConnectorException(Platform, $"{Platform} order {order.OrderId}: the shipment reference must be 1 to {BolApi.MaxShipmentReferenceLength} characters.", isTransient: false, orderId: order.OrderId, field: "shipmentReference");
        }

        var current = await ReadExistingOrderAsync(order.OrderId, cancellationToken);
        var open = current.Lines.Where(l => OpenOf(l) > 0).ToList();
        if (open.Count == 0)
        {
            if (current.Lines.Any(l => l.QuantityShipped > 0))
            {
                BolLog.AlreadyShipped(_logger, order.OrderId);
                return ShipmentPushResult.Done;
            }

            return new ShipmentPushResult(ShipmentProgress.Failed, Error: "Every item of the order is cancelled on bol.");
        }

        // An earlier attempt may have been accepted without its answer reaching us: follow it instead of shipping twice.
        foreach (var line in open)
        {
            var earlier = (await ProcessesOfAsync(line.LineId, BolApi.CreateShipmentEvent, order.OrderId, cancellationToken)).FirstOrDefault(p => p.IsPending);
            if (earlier is not null)
            {
                BolLog.ShipmentInProgress(_logger, order.OrderId, earlier.Id, earlier.Status);
                return earlier.ToPushResult();
            }
        }

        if (open.Count > BolApi.MaxShipmentItems)
        {
            throw new ConnectorException(Platform, $"{Platform} order {order.OrderId}: {open.Count} open items, more than the {BolApi.MaxShipmentItems} one shipment can hold.", isTransient: false, orderId: order.OrderId, field: "orderItems");
        }

        var body = new
        {
            orderItems = open.Select(l => new { orderItemId = l.LineId, quantity = OpenOf(l) }),
            shipmentReference = shipment.ShipmentReference,
            transport = new
            {
                transporterCode = NonBlank(shipment.CarrierCode) ?? BolTransporterCodes.Other,
                trackAndTrace = NonBlank(shipment.TrackingCode),
            },
        };
        using var document = await SendJsonAsync(RequestMethod.Post, BolApi.Shipments, body, BolApi.RetailerV10, order.OrderId, cancellationToken);
        var process = BolProcess.Read(PayloadReader.Root(document.RootElement, Platform, order.OrderId));
        BolLog.ShipmentSent(_logger, order.OrderId, open.Count, process.Id, process.Status);
        return process.ToPushResult();
    }

    public async Task<ShipmentPushResult> GetShipmentProgressAsync(string processId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(processId);
        try
        {
            return (await ReadProcessAsync(processId, orderId: null, cancellationToken)).ToPushResult();
        }
        catch (ConnectorException e) when (e.HttpStatus == 404)
        {
            // bol keeps process results for a limited time; pushing again is safe (it checks the order first).
            return new ShipmentPushResult(ShipmentProgress.Failed, processId, $"bol no longer knows process {processId}; push the shipment again.");
        }
    }

    public async Task CancelLinesAsync(MarketplaceOrder order, IReadOnlyList<LineQuantity> lines, CancellationReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(lines);
        var current = await ReadExistingOrderAsync(order.OrderId, cancellationToken);
        var reasonCode = ReasonCodeOf(reason);
        foreach (var line in lines)
        {
            var item = current.Lines.FirstOrDefault(l => l.LineId == line.LineId)
                ?? throw new ConnectorException(Platform, $"{Platform} order {order.OrderId}: item {line.LineId} is not an item of the order.", isTransient: false, orderId: order.OrderId, field: "orderItemId");
            var open = OpenOf(item);
            if (open == 0)
            {
                if (item.QuantityCancelled >= Math.Min(line.Quantity, item.Quantity))
                {
                    BolLog.CancelSkipped(_logger, order.OrderId, item.LineId);
                    continue;
                }

                throw new ConnectorException(Platform, $"{Platform} order {order.OrderId}: item {item.LineId} is already shipped and cannot be cancelled.", isTransient: false, orderId: order.OrderId, field: "orderItemId");
            }

            if (line.Quantity < open)
            {
                BolLog.WholeItemCancelled(_logger, order.OrderId, item.LineId, line.Quantity, open);
            }

            var process = (await ProcessesOfAsync(item.LineId, BolApi.CancelOrderEvent, order.OrderId, cancellationToken)).FirstOrDefault(p => p.IsPending)
                ?? await SendCancellationAsync(order.OrderId, item.LineId, reasonCode, cancellationToken);
            await AwaitCancellationAsync(order.OrderId, item.LineId, process, cancellationToken);
            BolLog.ItemCancelled(_logger, order.OrderId, item.LineId, reasonCode, process.Id);
        }
    }

    public async Task UpdateStockAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(levels);
        foreach (var level in levels.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => g.Last()))
        {
            var amount = Math.Max(0, level.Quantity);
            var offers = await FindOffersAsync("reference=" + Uri.EscapeDataString(level.Sku), cancellationToken);
            if (offers.Count == 0 && level.Barcode is { } ean)
            {
                offers = await FindOffersAsync("eans=" + Uri.EscapeDataString(ean), cancellationToken);
            }

            // FBB stock is bol's own warehouse: only the retailer's offers are set.
            var retailerOffers = offers.Where(o => o.FulfilmentMethod == "FBR").ToList();
            if (retailerOffers.Count == 0)
            {
                BolLog.NoOffer(_logger, level.Sku);
                continue;
            }

            foreach (var offer in retailerOffers)
            {
                // bol asks integrators to send only real changes.
                if (offer.Amount == amount && offer.ManagedByRetailer)
                {
                    BolLog.StockUnchanged(_logger, offer.OfferId, amount);
                    continue;
                }

                var body = PlatformRequestBody.Json(new { stock = new { amount, managedByRetailer = true } }, BolApi.RetailerV11);
                using var response = await _client.SendAsync(RequestMethod.Patch, BolApi.Offer(offer.OfferId), body, r => r.Headers.SetValue(HttpHeader.Names.Accept, BolApi.RetailerV11), cancellationToken: cancellationToken);
                BolLog.StockSet(_logger, offer.OfferId, amount);
            }
        }
    }

    private async Task<MarketplaceOrder> ReadExistingOrderAsync(string orderId, CancellationToken cancellationToken) =>
        await GetOrderAsync(orderId, cancellationToken)
        ?? throw new ConnectorException(Platform, $"{Platform} order {orderId}: bol does not know this order (or none of its items is fulfilled by the retailer).", isTransient: false, httpStatus: 404, orderId: orderId);

    private async Task<BolProcess> SendCancellationAsync(string orderId, string orderItemId, string reasonCode, CancellationToken cancellationToken)
    {
        // One item per request: the v10 spec allows exactly one.
        var body = new { orderItems = new[] { new { orderItemId, reasonCode } } };
        using var document = await SendJsonAsync(RequestMethod.Put, BolApi.Cancellation, body, BolApi.RetailerV10, orderId, cancellationToken);
        return BolProcess.Read(PayloadReader.Root(document.RootElement, Platform, orderId));
    }

    /// <summary>Polls a cancellation until bol decides. Still pending after the configured polls: a transient failure,
    /// and the retry finds the same process again rather than cancelling twice.</summary>
    private async Task AwaitCancellationAsync(string orderId, string orderItemId, BolProcess process, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < _settings.ProcessPollAttempts && process.IsPending; attempt++)
        {
            await Task.Delay(_settings.ProcessPollDelay, _time, cancellationToken);
            process = await ReadProcessAsync(process.Id, orderId, cancellationToken);
        }

        switch (process.Status)
        {
            case BolProcess.Success:
                return;
            case BolProcess.Pending:
                throw new ConnectorException(Platform, $"{Platform} order {orderId}: bol is still processing the cancellation of item {orderItemId} (process {process.Id}).", isTransient: true, orderId: orderId);
            case BolProcess.Timeout:
                throw new ConnectorException(Platform, $"{Platform} order {orderId}: bol timed out cancelling item {orderItemId} (process {process.Id}).", isTransient: true, orderId: orderId);
            default:
                throw new ConnectorException(Platform, $"{Platform} order {orderId}: bol refused to cancel item {orderItemId}: {process.ErrorMessage ?? "no reason given"}.", isTransient: false, orderId: orderId, field: "orderItemId");
        }
    }

    private async Task<BolProcess> ReadProcessAsync(string processId, string? orderId, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(BolApi.ProcessStatus(processId), BolApi.RetailerV10, orderId, cancellationToken);
        return BolProcess.Read(PayloadReader.Root(document.RootElement, Platform, orderId));
    }

    private async Task<IReadOnlyList<BolProcess>> ProcessesOfAsync(string entityId, string eventType, string orderId, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync(BolApi.ProcessStatusesOf(entityId, eventType), BolApi.RetailerV10, orderId, cancellationToken);
        return PayloadReader.Root(document.RootElement, Platform, orderId).Optional("processStatuses")?.Items().Select(BolProcess.Read).ToList() ?? [];
    }

    private async Task<IReadOnlyList<BolOffer>> FindOffersAsync(string filter, CancellationToken cancellationToken)
    {
        using var document = await GetJsonAsync($"{BolApi.Offers}?{filter}&page-size=100", BolApi.RetailerV11, orderId: null, cancellationToken);
        return PayloadReader.Root(document.RootElement, Platform).Required("offers").Items().Select(offer =>
        {
            var stock = offer.Optional("stock");
            return new BolOffer(
                offer.Required("offerId").AsNonEmptyString(),
                offer.Required("fulfilment").Required("method").AsString(),
                stock?.Optional("amount")?.AsInt32(),
                stock?.Optional("managedByRetailer")?.AsBoolean() == true);
        }).ToList();
    }

    private Task<JsonDocument> GetJsonAsync(string path, string mediaType, string? orderId, CancellationToken cancellationToken) =>
        _client.SendForJsonAsync(RequestMethod.Get, path, configure: r => r.Headers.SetValue(HttpHeader.Names.Accept, mediaType), orderId: orderId, cancellationToken: cancellationToken);

    private Task<JsonDocument> SendJsonAsync<T>(RequestMethod method, string path, T body, string mediaType, string orderId, CancellationToken cancellationToken) =>
        _client.SendForJsonAsync(method, path, PlatformRequestBody.Json(body, mediaType), r => r.Headers.SetValue(HttpHeader.Names.Accept, mediaType), orderId, cancellationToken);

    private static int OpenOf(MarketplaceOrderLine line) => line.Quantity - line.QuantityShipped - line.QuantityCancelled;

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string ReasonCodeOf(CancellationReason reason) => reason switch
    {
        CancellationReason.OutOfStock => "OUT_OF_STOCK",
        CancellationReason.CustomerRequest => "REQUESTED_BY_CUSTOMER",
        CancellationReason.DefectiveItem => "BAD_CONDITION",
        CancellationReason.WrongPrice => "INCORRECT_PRICE",
        CancellationReason.IntegrationProblem => "TECH_ISSUE",
        _ => "OTHER",
    };

    private sealed record BolOffer(string OfferId, string FulfilmentMethod, int? Amount, bool ManagedByRetailer);
}

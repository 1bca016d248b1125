using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Trendyol;

/// <summary>
/// A Trendyol seller account through the Seller API (reference A; decisions in docs/connectors/trendyol.md).
/// Orders are Trendyol order numbers; their shipment packages are read fresh before every change, so each call
/// can be repeated after a crash: packages already at Picking are not moved again, a tracking code Trendyol already
/// holds is not sent again, lines already cancelled are not cancelled again.
/// </summary>
public sealed class TrendyolMarketplace : IMarketplace
{
    private const string Platform = MarketplaceCatalog.Trendyol;

    private readonly PlatformClient _client;
    private readonly TrendyolAccount _account;
    private readonly TrendyolSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>How long the packages the listing read stay good for the acknowledgement that follows: the poll
    /// acknowledges a new order within seconds of listing it.</summary>
    internal static readonly TimeSpan ListedPackagesReuse = TimeSpan.FromSeconds(30);

    /// <summary>Fingerprints of stock requests sent in the last 15 minutes (Trendyol rejects an identical one).</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recentStockRequests = new(StringComparer.Ordinal);

    /// <summary>Each listed order's packages as the listing read them, taken (once) by its acknowledgement: reading them
    /// again moments later would spend another of the 50 calls per 10 s that listing and reading share.</summary>
    private readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, List<TrendyolPackage> Packages)> _listedPackages = new(StringComparer.Ordinal);

    /// <param name="account">Kind <c>trendyol</c>; <see cref="ConnectorAccount.BaseUrl"/> the API root
    /// (<c>https://apigw.trendyol.com/</c>); <see cref="ConnectorAccount.AccountId"/> the seller id.</param>
    /// <param name="credentialsJson">The secret: <c>{"apiKey","apiSecret","integratorName"?,"storeFrontCode"?}</c>.</param>
    public TrendyolMarketplace(
        ConnectorAccount account,
        string credentialsJson,
        ConnectorClientOptions clientOptions,
        TimeProvider timeProvider,
        TrendyolSettings? settings = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _account = TrendyolAccount.From(account, credentialsJson);
        _settings = settings ?? new TrendyolSettings();
        _settings.Validate();
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _client = new PlatformClient(
            Platform,
            account.BaseUrl,
            clientOptions,
            new TrendyolRateLimitPolicy(_settings.RequestsPerWindow, _settings.RateLimitWindow, timeProvider),
            new TrendyolHeadersPolicy(_account));
    }

    public async Task<MarketplaceOrderPage> ListChangedOrdersAsync(DateTimeOffset since, DateTimeOffset until, string? pageToken, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var earliest = now - TrendyolApi.QueryableHistory;
        if (since < earliest)
        {
            if (pageToken is null)
            {
                TrendyolLog.HistoryClamped(_logger, _account.SellerId, earliest);
            }

            since = earliest;
        }

        var sinceMs = since.ToUnixTimeMilliseconds();
        var untilMs = Math.Min(until.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds());
        if (sinceMs >= untilMs)
        {
            return new MarketplaceOrderPage([], null);
        }

        var cursor = pageToken is null ? TrendyolListCursor.First(sinceMs, untilMs) : TrendyolListCursor.Parse(pageToken, untilMs);
        while (true)
        {
            var page = await ListPackagesAsync(cursor, cancellationToken);
            if (page.TotalElements > TrendyolApi.MaxQueryWindowRecords && cursor.Page == 0 && cursor.CanHalve)
            {
                TrendyolLog.WindowHalved(_logger, _account.SellerId, page.TotalElements);
                cursor = cursor.Halved();
                continue;
            }

            var hasMore = cursor.Page + 1 < page.TotalPages
                && (long)(cursor.Page + 2) * _settings.ListPageSize <= TrendyolApi.MaxQueryWindowRecords;
            var next = hasMore ? cursor.NextPage() : cursor.NextWindow(untilMs);
            if (page.Packages.Count == 0 && next is { } nextWindow)
            {
                cursor = nextWindow;
                continue;
            }

            var orders = new List<MarketplaceOrder>();
            foreach (var orderNumber in page.Packages.Select(p => p.OrderNumber).Distinct(StringComparer.Ordinal))
            {
                // The window shows only the packages that changed; the order is all of its packages.
                var packages = await ReadOrderPackagesAsync(orderNumber, cancellationToken);
                if (packages.Count > 0)
                {
                    orders.Add(TrendyolOrderAssembler.Assemble(packages));
                    KeepListed(orderNumber, packages);
                }
            }

            return new MarketplaceOrderPage(orders, next?.ToToken());
        }
    }

    public async Task<MarketplaceOrder?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var packages = await ReadOrderPackagesAsync(orderId, cancellationToken);
        return packages.Count == 0 ? null : TrendyolOrderAssembler.Assemble(packages);
    }

    public async Task AcknowledgeAsync(MarketplaceOrder order, string? invoiceNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        // Right after the listing, its read of the packages is used; should a package have moved on since (Trendyol
        // refuses the move), they are read afresh and the acknowledgement is done again from what Trendyol says now.
        if (TakeListed(order.OrderId) is { } listed)
        {
            try
            {
                await AdvanceAllAsync(listed, invoiceNumber, cancellationToken);
                return;
            }
            catch (ConnectorException e) when (!e.IsTransient && e.HttpStatus is 400 or 409)
            {
                TrendyolLog.ListedPackagesStale(_logger, order.OrderId);
            }
        }

        await AdvanceAllAsync(await ReadExistingOrderPackagesAsync(order.OrderId, cancellationToken), invoiceNumber, cancellationToken);
    }

    private async Task AdvanceAllAsync(List<TrendyolPackage> packages, string? invoiceNumber, CancellationToken cancellationToken)
    {
        foreach (var package in packages.Where(p => p.Stage == TrendyolPackageStatus.Stage.Live).OrderBy(p => p.Id))
        {
            var status = await AdvanceAsync(package, invoiceNumber, cancellationToken);
            if (status == package.Status)
            {
                TrendyolLog.AcknowledgeSkipped(_logger, package.OrderNumber, package.Id, status);
            }
        }
    }

    private void KeepListed(string orderNumber, List<TrendyolPackage> packages)
    {
        var now = _time.GetUtcNow();
        _listedPackages[orderNumber] = (now, packages);
        // Orders listed but never acknowledged (already acknowledged, held, cancelled) must not pile up.
        if (_listedPackages.Count > 1000)
        {
            foreach (var stale in _listedPackages.Where(e => now - e.Value.ReadAt > ListedPackagesReuse))
            {
                _listedPackages.TryRemove(stale);
            }
        }
    }

    private List<TrendyolPackage>? TakeListed(string orderNumber) =>
        _listedPackages.TryRemove(orderNumber, out var listed) && _time.GetUtcNow() - listed.ReadAt <= ListedPackagesReuse
            ? listed.Packages
            : null;

    public async Task<ShipmentPushResult> PushShipmentAsync(MarketplaceOrder order, ShipmentInfo shipment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(shipment);
        var packages = await ReadExistingOrderPackagesAsync(order.OrderId, cancellationToken);
        var open = packages
            .Where(p => p.Stage == TrendyolPackageStatus.Stage.Live && !TrendyolPackageStatus.IsShipped(p.Status))
            .OrderBy(p => p.Id)
            .ToList();
        if (open.Count == 0)
        {
            return packages.Any(p => p.Stage == TrendyolPackageStatus.Stage.Live)
                ? ShipmentPushResult.Done
                : new ShipmentPushResult(ShipmentProgress.Failed, Error: "Every package of the order is cancelled on Trendyol.");
        }

        if (open.FirstOrDefault(p => p.Status == TrendyolPackageStatus.Awaiting) is { } awaiting)
        {
            throw new ConnectorException(Platform, $"{Platform} order {order.OrderId}: package {awaiting.Id} is still Awaiting payment and cannot be shipped.", isTransient: false, orderId: order.OrderId);
        }

        var tracking = string.IsNullOrWhiteSpace(shipment.TrackingCode) ? null : shipment.TrackingCode.Trim();
        var needsTracking = tracking is not null && open.Any(p => !HasTracking(p, tracking));
        if (needsTracking && string.IsNullOrWhiteSpace(shipment.CarrierCode))
        {
            throw new ConnectorException(Platform, $"{Platform} order {order.OrderId}: the carrier has no Trendyol provider code, so the tracking code cannot be sent.", isTransient: false, orderId: order.OrderId, field: "providerCode");
        }

        foreach (var package in open)
        {
            // tracking-details needs the package at Picking at least.
            await AdvanceAsync(package, shipment.InvoiceNumber, cancellationToken);
            if (tracking is null)
            {
                continue;
            }

            if (HasTracking(package, tracking))
            {
                TrendyolLog.TrackingSkipped(_logger, package.OrderNumber, package.Id);
                continue;
            }

            var body = new { cargoSenderNumber = tracking, providerCode = shipment.CarrierCode };
            using var response = await _client.SendAsync(RequestMethod.Put, TrendyolApi.TrackingDetails(_account.SellerId, package.Id), PlatformRequestBody.Json(body), orderId: order.OrderId, cancellationToken: cancellationToken);
            TrendyolLog.TrackingSent(_logger, order.OrderId, package.Id, shipment.CarrierCode!);
        }

        // The seller cannot set Shipped: the carrier's first scan does.
        return ShipmentPushResult.Done;
    }

    public Task<ShipmentPushResult> GetShipmentProgressAsync(string processId, CancellationToken cancellationToken) =>
        // Trendyol applies updates synchronously: PushShipmentAsync never answers Pending.
        Task.FromResult(ShipmentPushResult.Done);

    public async Task CancelLinesAsync(MarketplaceOrder order, IReadOnlyList<LineQuantity> lines, CancellationReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(lines);
        var packages = await ReadExistingOrderPackagesAsync(order.OrderId, cancellationToken);
        var unsupply = new SortedDictionary<long, List<(long LineId, int Quantity)>>();
        foreach (var line in lines)
        {
            if (!long.TryParse(line.LineId, NumberStyles.None, CultureInfo.InvariantCulture, out var lineId))
            {
                throw new ConnectorException(Platform, $"{Platform} order {order.OrderId}: line id '{line.LineId}' is not a Trendyol line id.", isTransient: false, orderId: order.OrderId, field: "lineId");
            }

            // Quantities are targets, not deltas: what earlier (perhaps interrupted) calls cancelled counts.
            var remaining = line.Quantity - QuantityOf(packages.Where(p => p.Stage == TrendyolPackageStatus.Stage.Cancelled), lineId);
            if (remaining <= 0)
            {
                TrendyolLog.CancelSkipped(_logger, order.OrderId, line.LineId);
                continue;
            }

            var holders = packages.Where(p => p.Stage == TrendyolPackageStatus.Stage.Live && p.Lines.Any(l => l.Id == lineId)).OrderBy(p => p.Id).ToList();
            if (holders.Count == 0)
            {
                throw new ConnectorException(Platform, $"{Platform} order {order.OrderId}: line {lineId} is in no package of the order.", isTransient: false, orderId: order.OrderId, field: "lineId");
            }

            foreach (var holder in holders.Where(p => !TrendyolPackageStatus.IsShipped(p.Status)))
            {
                var quantity = Math.Min(remaining, holder.Lines.Where(l => l.Id == lineId).Sum(l => l.Quantity));
                if (quantity > 0)
                {
                    if (!unsupply.TryGetValue(holder.Id, out var packageLines))
                    {
                        packageLines = [];
                        unsupply.Add(holder.Id, packageLines);
                    }

                    packageLines.Add((lineId, quantity));
                    remaining -= quantity;
                }
            }

            if (remaining > 0)
            {
                throw new ConnectorException(Platform, $"{Platform} order {order.OrderId}: {remaining} unit(s) of line {lineId} are already shipped and cannot be cancelled.", isTransient: false, orderId: order.OrderId, field: "lineId");
            }
        }

        var reasonId = ReasonIdOf(reason);
        foreach (var (packageId, packageLines) in unsupply)
        {
            var body = new { lines = packageLines.Select(l => new { lineId = l.LineId, quantity = l.Quantity }), reasonId };
            using var response = await _client.SendAsync(RequestMethod.Put, TrendyolApi.Unsupplied(_account.SellerId, packageId), PlatformRequestBody.Json(body), orderId: order.OrderId, cancellationToken: cancellationToken);
            TrendyolLog.LinesUnsupplied(_logger, order.OrderId, packageId, packageLines.Count, reasonId);
        }
    }

    public async Task UpdateStockAsync(IReadOnlyList<StockLevel> levels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(levels);

        // Stock is keyed by barcode on Trendyol; the last level given for a barcode wins.
        var items = levels
            .GroupBy(l => l.Barcode ?? l.Sku, StringComparer.Ordinal)
            .Select(g => (Barcode: g.Key, Quantity: Clamp(g.Key, g.Last().Quantity)))
            .OrderBy(i => i.Barcode, StringComparer.Ordinal)
            .ToList();
        foreach (var chunk in items.Chunk(TrendyolApi.MaxStockItemsPerRequest))
        {
            var content = BinaryData.FromObjectAsJson(new { items = chunk.Select(i => new { barcode = i.Barcode, quantity = i.Quantity }) }, JsonDefaults.Options);
            var fingerprint = Convert.ToHexString(SHA256.HashData(content.ToMemory().Span));
            var now = _time.GetUtcNow();
            if (_recentStockRequests.TryGetValue(fingerprint, out var sentAt) && now - sentAt < TrendyolApi.SameStockRequestWindow)
            {
                TrendyolLog.StockAlreadySent(_logger, _account.SellerId, chunk.Length);
                continue;
            }

            try
            {
                using var document = await _client.SendForJsonAsync(RequestMethod.Post, TrendyolApi.PriceAndInventory(_account.SellerId), new PlatformRequestBody(content, "application/json"), cancellationToken: cancellationToken);
                var batch = PayloadReader.Root(document.RootElement, Platform).Optional("batchRequestId")?.AsString();
                TrendyolLog.StockSent(_logger, _account.SellerId, chunk.Length, batch);
            }
            catch (ConnectorException e) when (e.HttpStatus == 400 && IsSameRequestRejection(e))
            {
                // An identical request was accepted less than 15 minutes ago (by an earlier attempt of this call):
                // the levels are absolute, so that one already set them.
                TrendyolLog.StockAlreadySent(_logger, _account.SellerId, chunk.Length);
            }

            _recentStockRequests[fingerprint] = now;
            foreach (var stale in _recentStockRequests.Where(r => now - r.Value >= TrendyolApi.SameStockRequestWindow))
            {
                _recentStockRequests.TryRemove(stale);
            }
        }
    }

    /// <summary>Moves a Created package to Picking, then to Invoiced when an invoice number is given; a package
    /// already past a step is left alone. Returns the package's status afterwards.</summary>
    private async Task<string> AdvanceAsync(TrendyolPackage package, string? invoiceNumber, CancellationToken cancellationToken)
    {
        var status = package.Status;
        if (status == TrendyolPackageStatus.Created)
        {
            await MoveAsync(package, TrendyolPackageStatus.Picking, invoiceNumber: null, cancellationToken);
            status = TrendyolPackageStatus.Picking;
        }

        if (!string.IsNullOrWhiteSpace(invoiceNumber) && status == TrendyolPackageStatus.Picking)
        {
            await MoveAsync(package, TrendyolPackageStatus.Invoiced, invoiceNumber, cancellationToken);
            status = TrendyolPackageStatus.Invoiced;
        }

        return status;
    }

    private async Task MoveAsync(TrendyolPackage package, string status, string? invoiceNumber, CancellationToken cancellationToken)
    {
        var parameters = invoiceNumber is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["invoiceNumber"] = invoiceNumber };
        var body = new { lines = package.Lines.Select(l => new { lineId = l.Id, quantity = l.Quantity }), @params = parameters, status };
        using var response = await _client.SendAsync(RequestMethod.Put, TrendyolApi.Package(_account.SellerId, package.Id), PlatformRequestBody.Json(body), orderId: package.OrderNumber, cancellationToken: cancellationToken);
        TrendyolLog.PackageMoved(_logger, package.OrderNumber, package.Id, status);
    }

    private async Task<TrendyolPage> ListPackagesAsync(TrendyolListCursor cursor, CancellationToken cancellationToken)
    {
        // endDate is inclusive on Trendyol's side; the cursor's window is [start, end).
        var query = string.Create(CultureInfo.InvariantCulture,
            $"{TrendyolApi.Packages(_account.SellerId)}?startDate={cursor.Start}&endDate={cursor.End - 1}&page={cursor.Page}&size={_settings.ListPageSize}&orderByField=PackageLastModifiedDate&orderByDirection=ASC");
        using var document = await _client.SendForJsonAsync(RequestMethod.Get, query, cancellationToken: cancellationToken);
        return ReadPage(PayloadReader.Root(document.RootElement, Platform), _settings.ListPageSize);
    }

    /// <summary>All packages of an order number (every page), current and superseded; empty when Trendyol does not know it.</summary>
    private async Task<List<TrendyolPackage>> ReadOrderPackagesAsync(string orderNumber, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderNumber);
        var packages = new List<TrendyolPackage>();
        for (var page = 0; ; page++)
        {
            var query = string.Create(CultureInfo.InvariantCulture,
                $"{TrendyolApi.Packages(_account.SellerId)}?orderNumber={Uri.EscapeDataString(orderNumber)}&page={page}&size={TrendyolApi.MaxPageSize}");
            using var document = await _client.SendForJsonAsync(RequestMethod.Get, query, orderId: orderNumber, cancellationToken: cancellationToken);
            var result = ReadPage(PayloadReader.Root(document.RootElement, Platform, orderNumber), TrendyolApi.MaxPageSize);
            if (result.Packages.FirstOrDefault(p => p.OrderNumber != orderNumber) is { } stranger)
            {
                throw new ConnectorException(Platform, $"{Platform} order {orderNumber}: asked for its packages, Trendyol answered with package {stranger.Id} of another order.", isTransient: false, orderId: orderNumber, field: "content.orderNumber");
            }

            packages.AddRange(result.Packages);
            if (page + 1 >= result.TotalPages || result.Packages.Count == 0)
            {
                return packages;
            }
        }
    }

    private async Task<List<TrendyolPackage>> ReadExistingOrderPackagesAsync(string orderNumber, CancellationToken cancellationToken)
    {
        var packages = await ReadOrderPackagesAsync(orderNumber, cancellationToken);
        return packages.Count > 0
            ? packages
            : throw new ConnectorException(Platform, $"{Platform} order {orderNumber}: Trendyol has no package for this order number.", isTransient: false, httpStatus: 404, orderId: orderNumber);
    }

    private static TrendyolPage ReadPage(PayloadReader root, int size)
    {
        var content = root.Required("content");
        var items = content.Items().ToList();
        if (items.Count > size)
        {
            // A page larger than asked for is a broken answer, not more work to do.
            throw content.Error(content.Path, $"holds {items.Count} packages, more than the {size} asked for");
        }

        var totalPages = root.Required("totalPages").AsInt32();
        var totalElements = root.Required("totalElements").AsInt64();
        return new TrendyolPage(items.Select(TrendyolPackage.Read).ToList(), totalPages, totalElements);
    }

    private static int QuantityOf(IEnumerable<TrendyolPackage> packages, long lineId) =>
        packages.SelectMany(p => p.Lines).Where(l => l.Id == lineId).Sum(l => l.Quantity);

    private static bool HasTracking(TrendyolPackage package, string tracking) =>
        SameCode(tracking, package.CargoSenderNumber) || SameCode(tracking, package.CargoTrackingNumber);

    private static bool SameCode(string code, string? other) =>
        other is not null && string.Equals(code, other.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool IsSameRequestRejection(ConnectorException e) =>
        e.Message.Contains("15 dakika", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("15 minutes", StringComparison.OrdinalIgnoreCase);

    /// <summary>Trendyol's reason ids: 500 out of stock, 501 defective, 502 wrong price, 504 integration problem,
    /// 505 bulk purchase, 506 force majeure. It has no "customer asked" reason (customers cancel on Trendyol itself):
    /// that and Other go as 504, the one reason that blames neither the product, its price nor its stock.</summary>
    private static int ReasonIdOf(CancellationReason reason) => reason switch
    {
        CancellationReason.OutOfStock => 500,
        CancellationReason.DefectiveItem => 501,
        CancellationReason.WrongPrice => 502,
        _ => 504,
    };

    private int Clamp(string barcode, int quantity)
    {
        var sent = Math.Clamp(quantity, 0, TrendyolApi.MaxStockQuantity);
        if (sent != quantity)
        {
            TrendyolLog.StockClamped(_logger, _account.SellerId, barcode, quantity, sent);
        }

        return sent;
    }

    private sealed record TrendyolPage(IReadOnlyList<TrendyolPackage> Packages, int TotalPages, long TotalElements);
}

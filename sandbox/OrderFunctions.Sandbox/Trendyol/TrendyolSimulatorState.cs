using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrderFunctions.Sandbox.Common;

namespace OrderFunctions.Sandbox.Trendyol;

/// <summary>
/// Everything the Trendyol simulator knows: shipment packages and the record of every change it accepted.
/// Tests and the demo add orders, move packages (the carrier's scans), split packages, corrupt answers, and read the
/// records back to count duplicates. The HTTP endpoints (<see cref="TrendyolSimulator"/>) go through the same
/// methods. Thread-safe: one lock around all of it.
/// </summary>
public sealed class TrendyolSimulatorState
{
    /// <summary>Trendyol's reason ids for unsupplied lines (reference A).</summary>
    public static IReadOnlySet<int> ReasonIds { get; } = new HashSet<int> { 500, 501, 502, 504, 505, 506 };

    /// <summary>Provider codes accepted on <c>tracking-details</c> (getProviders and the international list).</summary>
    public static IReadOnlySet<string> ProviderCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "TEXMP", "YKMP", "ARASMP", "PTTMP", "SURATMP", "HOROZMP", "CEVAMP", "DHLECOMMP", "BORMP", "SENDEOMP",
        "DHLMP", "DPDMP", "HERMESMP", "DHLEXPMP", "GLS",
    };

    internal const string SameStockRequestMessage = "15 dakika boyunca aynı isteği tekrarlı olarak atamazsınız!";
    internal const int MaxStockItems = 1000;
    internal const int MaxStockQuantity = 20_000;
    private static readonly TimeSpan SameStockRequestWindow = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan TurkeyOffset = TimeSpan.FromHours(3);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<long, Package> _packages = [];
    private readonly List<TrendyolStatusUpdate> _statusUpdates = [];
    private readonly List<TrendyolTrackingUpdate> _trackingUpdates = [];
    private readonly List<TrendyolUnsupplyRecord> _unsupplied = [];
    private readonly List<TrendyolStockRequest> _stockRequests = [];
    private readonly List<TrendyolListQuery> _listQueries = [];
    private readonly Dictionary<string, DateTimeOffset> _recentStockBodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stock = new(StringComparer.Ordinal);
    private long _nextPackageId = 11_650_600;
    private long _nextLineId = 56_040_500;
    private long _nextCargoNumber = 7_330_000_000_001;
    private int _rateLimitRejections;
    private int _stockRejectedAsDuplicate;

    internal TrendyolSimulatorState(TimeProvider time) => _time = time;

    /// <summary>Applied to every package in list answers (to remove a field, change a type, set an unknown status…).</summary>
    public Action<JsonObject>? PackageMutator { get; set; }

    /// <summary>Applied to the whole list envelope (to make a page huge, say).</summary>
    public Action<JsonObject>? PageMutator { get; set; }

    public IReadOnlyList<TrendyolStatusUpdate> StatusUpdates => Snapshot(_statusUpdates);

    public IReadOnlyList<TrendyolTrackingUpdate> TrackingUpdates => Snapshot(_trackingUpdates);

    public IReadOnlyList<TrendyolUnsupplyRecord> Unsupplied => Snapshot(_unsupplied);

    public IReadOnlyList<TrendyolStockRequest> StockRequests => Snapshot(_stockRequests);

    /// <summary>Every accepted list call, to check windows and paging.</summary>
    public IReadOnlyList<TrendyolListQuery> ListQueries => Snapshot(_listQueries);

    /// <summary>Requests answered 429 by the simulator's own 50-per-10-s rule (not the fault injector's).</summary>
    public int RateLimitRejections
    {
        get
        {
            lock (_gate)
            {
                return _rateLimitRejections;
            }
        }
    }

    /// <summary>Stock requests rejected by the "same request within 15 minutes" rule.</summary>
    public int StockRejectedAsDuplicate
    {
        get
        {
            lock (_gate)
            {
                return _stockRejectedAsDuplicate;
            }
        }
    }

    public TrendyolPackageView AddOrder(TrendyolOrderSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (!TrendyolStatuses.All.Contains(seed.Status))
        {
            throw new ArgumentException($"Unknown status '{seed.Status}'.", nameof(seed));
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var package = new Package
            {
                Id = _nextPackageId++,
                OrderNumber = seed.OrderNumber,
                Order = seed,
                OrderDate = seed.OrderDate ?? now,
                CargoTrackingNumber = _nextCargoNumber++,
                CreatedBy = "order-creation",
                Lines = seed.Lines.Select(l => new Line(_nextLineId++, l.Barcode, l.MerchantSku, l.ProductName, l.Quantity, l.Price)).ToList(),
            };
            package.Move(seed.Status, now);
            _packages.Add(package.Id, package);
            return package.View();
        }
    }

    /// <summary>Moves a package as Trendyol or the carrier would (Shipped on the carrier's scan, Delivered, Cancelled by the customer…).</summary>
    public void SetStatus(long packageId, string status)
    {
        if (!TrendyolStatuses.All.Contains(status))
        {
            throw new ArgumentException($"Unknown status '{status}'.", nameof(status));
        }

        lock (_gate)
        {
            Find(packageId).Move(status, _time.GetUtcNow());
        }
    }

    /// <summary>Splits a package the way Trendyol does: the package becomes UnPacked and each group of line ids becomes a
    /// new package (new id, new cargo barcode, same order number and line ids). Returns the new package ids.</summary>
    public IReadOnlyList<long> SplitPackage(long packageId, params IReadOnlyList<long>[] lineGroups)
    {
        ArgumentNullException.ThrowIfNull(lineGroups);
        lock (_gate)
        {
            var original = Find(packageId);
            var grouped = lineGroups.SelectMany(g => g).ToList();
            if (grouped.Count != original.Lines.Count || grouped.Distinct().Count() != grouped.Count
                || grouped.Any(id => original.Lines.All(l => l.Id != id)))
            {
                throw new ArgumentException("Every line of the package must be in exactly one group.", nameof(lineGroups));
            }

            var now = _time.GetUtcNow();
            var created = lineGroups
                .Select(group => Derive(original, original.Status, original.Lines.Where(l => group.Contains(l.Id)).ToList(), "split", now).Id)
                .ToList();
            original.Move(TrendyolStatuses.UnPacked, now);
            return created;
        }
    }

    public IReadOnlyList<TrendyolPackageView> PackagesOf(string orderNumber)
    {
        lock (_gate)
        {
            return _packages.Values.Where(p => p.OrderNumber == orderNumber).OrderBy(p => p.Id).Select(p => p.View()).ToList();
        }
    }

    public TrendyolPackageView GetPackage(long packageId)
    {
        lock (_gate)
        {
            return Find(packageId).View();
        }
    }

    /// <summary>The stock Trendyol holds per barcode, from accepted stock requests.</summary>
    public int? StockOf(string barcode)
    {
        lock (_gate)
        {
            return _stock.TryGetValue(barcode, out var quantity) ? quantity : null;
        }
    }

    internal void CountRateLimitRejection()
    {
        lock (_gate)
        {
            _rateLimitRejections++;
        }
    }

    internal JsonObject QueryPackages(PackageQuery query)
    {
        lock (_gate)
        {
            _listQueries.Add(new TrendyolListQuery(query.From, query.To, query.Page, query.Size, query.OrderNumber));
            IEnumerable<Package> matches = _packages.Values;
            if (query.OrderNumber is not null)
            {
                matches = matches.Where(p => p.OrderNumber == query.OrderNumber);
            }

            if (query.PackageIds is not null)
            {
                matches = matches.Where(p => query.PackageIds.Contains(p.Id));
            }

            if (query.Statuses is not null)
            {
                matches = matches.Where(p => query.Statuses.Contains(p.Status));
            }

            if (query.From is { } from && query.To is { } to)
            {
                matches = matches.Where(p => p.LastModified >= from && p.LastModified <= to);
            }

            Func<Package, DateTimeOffset> key = query.OrderByCreatedDate ? p => p.OrderDate : p => p.LastModified;
            var ordered = (query.Descending ? matches.OrderByDescending(key) : matches.OrderBy(key)).ThenBy(p => p.Id).ToList();
            var content = new JsonArray();
            foreach (var package in ordered.Skip(query.Page * query.Size).Take(query.Size))
            {
                var json = ToJson(package);
                PackageMutator?.Invoke(json);
                content.Add(json);
            }

            var envelope = new JsonObject
            {
                ["page"] = query.Page,
                ["size"] = query.Size,
                ["totalPages"] = (ordered.Count + query.Size - 1) / query.Size,
                ["totalElements"] = ordered.Count,
                ["content"] = content,
            };
            PageMutator?.Invoke(envelope);
            return envelope;
        }
    }

    internal SimulatorError? UpdateStatus(long packageId, string? status, string? invoiceNumber, IReadOnlyList<TrendyolLineQuantity> lines)
    {
        lock (_gate)
        {
            if (!_packages.TryGetValue(packageId, out var package))
            {
                return SimulatorError.NotFound($"Shipment package {packageId} not found.");
            }

            var linesError = CheckLines(package, lines, exactQuantities: true);
            if (linesError is not null)
            {
                return linesError;
            }

            switch (status)
            {
                case TrendyolStatuses.Picking when package.Status == TrendyolStatuses.Created:
                    break;
                case TrendyolStatuses.Invoiced when package.Status == TrendyolStatuses.Picking:
                    if (string.IsNullOrWhiteSpace(invoiceNumber))
                    {
                        return SimulatorError.BadRequest("params.invoiceNumber is required for Invoiced.");
                    }

                    package.InvoiceNumber = invoiceNumber;
                    break;
                case TrendyolStatuses.Picking or TrendyolStatuses.Invoiced:
                    return SimulatorError.BadRequest($"Shipment package is {package.Status}; it cannot move to {status}.");
                default:
                    return SimulatorError.BadRequest($"Status '{status}' cannot be set by the seller (only Picking and Invoiced).");
            }

            package.Move(status, _time.GetUtcNow());
            _statusUpdates.Add(new TrendyolStatusUpdate(packageId, status, invoiceNumber));
            return null;
        }
    }

    internal SimulatorError? UpdateTracking(long packageId, string? cargoSenderNumber, string? providerCode)
    {
        lock (_gate)
        {
            if (!_packages.TryGetValue(packageId, out var package))
            {
                return SimulatorError.NotFound($"Shipment package {packageId} not found.");
            }

            if (string.IsNullOrWhiteSpace(cargoSenderNumber) || string.IsNullOrWhiteSpace(providerCode))
            {
                return SimulatorError.BadRequest("cargoSenderNumber and providerCode are required.");
            }

            if (!ProviderCodes.Contains(providerCode))
            {
                return SimulatorError.BadRequest($"Unknown providerCode '{providerCode}'.");
            }

            if (package.Status is not (TrendyolStatuses.Picking or TrendyolStatuses.Invoiced))
            {
                return SimulatorError.BadRequest(package.Status == TrendyolStatuses.Created
                    ? "The package must be Picking before its tracking number is sent."
                    : "Shipment tracking number cannot be updated.");
            }

            package.CargoSenderNumber = cargoSenderNumber;
            package.ProviderCode = providerCode;
            package.LastModified = _time.GetUtcNow();
            _trackingUpdates.Add(new TrendyolTrackingUpdate(packageId, cargoSenderNumber, providerCode));
            return null;
        }
    }

    internal SimulatorError? Unsupply(long packageId, IReadOnlyList<TrendyolLineQuantity> lines, int? reasonId)
    {
        lock (_gate)
        {
            if (!_packages.TryGetValue(packageId, out var package))
            {
                return SimulatorError.NotFound($"Shipment package {packageId} not found.");
            }

            if (reasonId is not { } reason || !ReasonIds.Contains(reason))
            {
                return SimulatorError.BadRequest($"Unknown reasonId '{reasonId}'.");
            }

            if (package.Status is not (TrendyolStatuses.Created or TrendyolStatuses.Picking or TrendyolStatuses.Invoiced))
            {
                return SimulatorError.BadRequest($"Lines of a {package.Status} package cannot be unsupplied.");
            }

            var linesError = CheckLines(package, lines, exactQuantities: false);
            if (linesError is not null)
            {
                return linesError;
            }

            var now = _time.GetUtcNow();
            var unsupplied = lines.ToDictionary(l => l.LineId, l => l.Quantity);
            var remaining = package.Lines
                .Select(l => l with { Quantity = l.Quantity - unsupplied.GetValueOrDefault(l.Id) })
                .Where(l => l.Quantity > 0)
                .ToList();
            if (remaining.Count == 0)
            {
                package.Move(TrendyolStatuses.UnSupplied, now);
            }
            else
            {
                // Partly unsupplied: Trendyol re-packs under new package ids and cargo barcodes, same order number.
                Derive(package, package.Status, remaining, "cancel", now);
                Derive(package, TrendyolStatuses.UnSupplied,
                    package.Lines.Where(l => unsupplied.ContainsKey(l.Id)).Select(l => l with { Quantity = unsupplied[l.Id] }).ToList(),
                    "cancel", now);
                package.Move(TrendyolStatuses.UnPacked, now);
            }

            _unsupplied.Add(new TrendyolUnsupplyRecord(packageId, lines, reason));
            return null;
        }
    }

    internal (string? BatchRequestId, SimulatorError? Error) UpdateStock(IReadOnlyList<TrendyolStockItem> items, string canonicalBody)
    {
        lock (_gate)
        {
            if (items.Count == 0 || items.Count > MaxStockItems)
            {
                return (null, SimulatorError.BadRequest($"Between 1 and {MaxStockItems} items can be sent per request."));
            }

            if (items.Any(i => string.IsNullOrWhiteSpace(i.Barcode) || i.Quantity is < 0 or > MaxStockQuantity))
            {
                return (null, SimulatorError.BadRequest($"Every item needs a barcode and a quantity between 0 and {MaxStockQuantity}."));
            }

            var now = _time.GetUtcNow();
            var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalBody)));
            if (_recentStockBodies.TryGetValue(fingerprint, out var sentAt) && now - sentAt < SameStockRequestWindow)
            {
                _stockRejectedAsDuplicate++;
                return (null, SimulatorError.BadRequest(SameStockRequestMessage));
            }

            _recentStockBodies[fingerprint] = now;
            foreach (var item in items.Where(i => i.Quantity is not null))
            {
                _stock[item.Barcode] = item.Quantity!.Value;
            }

            var batchRequestId = $"{Guid.NewGuid()}-{now.ToUnixTimeSeconds()}";
            _stockRequests.Add(new TrendyolStockRequest(batchRequestId, items));
            return (batchRequestId, null);
        }
    }

    private static SimulatorError? CheckLines(Package package, IReadOnlyList<TrendyolLineQuantity> lines, bool exactQuantities)
    {
        if (lines.Count == 0)
        {
            return SimulatorError.BadRequest("lines must not be empty.");
        }

        foreach (var requested in lines)
        {
            var line = package.Lines.FirstOrDefault(l => l.Id == requested.LineId);
            if (line is null)
            {
                return SimulatorError.BadRequest($"Line {requested.LineId} is not in shipment package {package.Id}.");
            }

            if (requested.Quantity <= 0 || requested.Quantity > line.Quantity || (exactQuantities && requested.Quantity != line.Quantity))
            {
                return SimulatorError.BadRequest($"Quantity {requested.Quantity} does not fit line {requested.LineId} (quantity {line.Quantity}).");
            }
        }

        return lines.Select(l => l.LineId).Distinct().Count() == lines.Count ? null : SimulatorError.BadRequest("A line is listed twice.");
    }

    private Package Derive(Package origin, string status, List<Line> lines, string createdBy, DateTimeOffset now)
    {
        var package = new Package
        {
            Id = _nextPackageId++,
            OrderNumber = origin.OrderNumber,
            Order = origin.Order,
            OrderDate = origin.OrderDate,
            CargoTrackingNumber = _nextCargoNumber++,
            CreatedBy = createdBy,
            OriginPackageIds = [origin.Id],
            Lines = lines,
            InvoiceNumber = origin.InvoiceNumber,
        };
        package.Move(status, now);
        _packages.Add(package.Id, package);
        return package;
    }

    private Package Find(long packageId) =>
        _packages.TryGetValue(packageId, out var package) ? package : throw new ArgumentException($"No package {packageId}.", nameof(packageId));

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return list.ToList();
        }
    }

    /// <summary>A package in the documented shape. <c>orderDate</c> is epoch ms "in GMT+3" (Istanbul wall-clock time
    /// written as if it were UTC); history dates and <c>lastModifiedDate</c> are plain epoch ms.</summary>
    private static JsonObject ToJson(Package p)
    {
        var seed = p.Order;
        var address = seed.Address;
        var lines = new JsonArray();
        foreach (var line in p.Lines)
        {
            lines.Add(new JsonObject
            {
                ["id"] = line.Id,
                ["barcode"] = line.Barcode,
                ["merchantSku"] = line.MerchantSku,
                ["sku"] = line.Barcode,
                ["productName"] = line.ProductName,
                ["productCode"] = line.Id * 3,
                ["quantity"] = line.Quantity,
                ["price"] = line.Price,
                ["amount"] = line.Price,
                ["discount"] = 0m,
                ["tyDiscount"] = 0m,
                ["vatBaseAmount"] = 20m,
                ["currencyCode"] = seed.CurrencyCode,
                ["orderLineItemStatusName"] = p.Status,
            });
        }

        var total = p.Lines.Sum(l => l.Price * l.Quantity);
        var json = new JsonObject
        {
            ["id"] = p.Id,
            ["orderNumber"] = p.OrderNumber,
            ["status"] = p.Status,
            ["shipmentPackageStatus"] = p.Status,
            ["orderDate"] = (p.OrderDate + TurkeyOffset).ToUnixTimeMilliseconds(),
            ["lastModifiedDate"] = p.LastModified.ToUnixTimeMilliseconds(),
            ["grossAmount"] = total,
            ["totalDiscount"] = 0m,
            ["totalTyDiscount"] = 0m,
            ["totalPrice"] = total,
            ["currencyCode"] = seed.CurrencyCode,
            ["customerId"] = 9_000_000 + (p.OrderDate.ToUnixTimeSeconds() % 100_000),
            ["customerFirstName"] = seed.CustomerFirstName,
            ["customerLastName"] = seed.CustomerLastName,
            ["customerEmail"] = seed.CustomerEmail,
            ["identityNumber"] = "11111111111",
            ["shipmentAddress"] = AddressJson(address),
            ["invoiceAddress"] = AddressJson(address),
            ["cargoTrackingNumber"] = p.CargoTrackingNumber,
            ["cargoTrackingLink"] = string.Create(CultureInfo.InvariantCulture, $"https://kargotakip.trendyol.com/?orderNumber={p.OrderNumber}"),
            ["cargoProviderName"] = seed.CargoProviderName,
            ["cargoDeci"] = 1,
            ["whoPays"] = 1,
            ["lines"] = lines,
            ["packageHistories"] = new JsonArray(p.History.Select(h => (JsonNode)new JsonObject
            {
                ["createdDate"] = h.At.ToUnixTimeMilliseconds(),
                ["status"] = h.Status,
            }).ToArray()),
            ["deliveryType"] = "normal",
            ["deliveryAddressType"] = "Shipment",
            ["fastDelivery"] = false,
            ["commercial"] = false,
            ["micro"] = false,
            ["giftBoxRequested"] = false,
            ["3pByTrendyol"] = false,
            ["isCod"] = false,
            ["createdBy"] = p.CreatedBy,
            ["originPackageIds"] = p.OriginPackageIds.Count == 0 ? null : new JsonArray(p.OriginPackageIds.Select(id => (JsonNode)id).ToArray()),
        };
        if (p.CargoSenderNumber is not null)
        {
            json["cargoSenderNumber"] = p.CargoSenderNumber;
        }

        if (p.InvoiceNumber is not null)
        {
            json["invoiceNumber"] = p.InvoiceNumber;
        }

        return json;
    }

    private static JsonObject AddressJson(TrendyolAddressSeed a) => new()
    {
        ["id"] = 4_000_001,
        ["firstName"] = a.FirstName,
        ["lastName"] = a.LastName,
        ["company"] = "",
        ["address1"] = a.Address1,
        ["address2"] = "",
        ["city"] = a.City,
        ["cityCode"] = 34,
        ["district"] = a.District,
        ["districtId"] = 54,
        ["postalCode"] = a.PostalCode,
        ["countryCode"] = a.CountryCode,
        ["phone"] = a.Phone,
        ["fullName"] = $"{a.FirstName} {a.LastName}",
        ["fullAddress"] = $"{a.Address1} {a.District}/{a.City}",
    };

    private sealed class Package
    {
        public required long Id { get; init; }

        public required string OrderNumber { get; init; }

        public required TrendyolOrderSeed Order { get; init; }

        public required DateTimeOffset OrderDate { get; init; }

        public required long CargoTrackingNumber { get; init; }

        public required string CreatedBy { get; init; }

        public required List<Line> Lines { get; init; }

        public List<long> OriginPackageIds { get; init; } = [];

        public string Status { get; private set; } = TrendyolStatuses.Created;

        public DateTimeOffset LastModified { get; set; }

        public List<(DateTimeOffset At, string Status)> History { get; } = [];

        public string? CargoSenderNumber { get; set; }

        public string? ProviderCode { get; set; }

        public string? InvoiceNumber { get; set; }

        public void Move(string status, DateTimeOffset at)
        {
            Status = status;
            LastModified = at;
            History.Add((at, status));
        }

        public TrendyolPackageView View() => new(
            Id, OrderNumber, Status,
            Lines.Select(l => new TrendyolLineView(l.Id, l.Barcode, l.MerchantSku, l.Quantity)).ToList(),
            CargoTrackingNumber, CargoSenderNumber, ProviderCode, InvoiceNumber, OriginPackageIds.ToList());
    }

    private sealed record Line(long Id, string Barcode, string MerchantSku, string ProductName, int Quantity, decimal Price);
}

/// <summary>What a list call asked for, validated by the endpoint.</summary>
internal sealed record PackageQuery(
    int Page,
    int Size,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? OrderNumber,
    IReadOnlySet<long>? PackageIds,
    IReadOnlySet<string>? Statuses,
    bool OrderByCreatedDate,
    bool Descending);

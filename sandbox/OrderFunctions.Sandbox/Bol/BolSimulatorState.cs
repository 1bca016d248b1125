using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OrderFunctions.Sandbox.Common;

namespace OrderFunctions.Sandbox.Bol;

/// <summary>
/// Everything the bol.com simulator knows: orders, offers, access tokens, asynchronous processes, and the record of
/// every request it accepted. Changes the API asks for (ship, cancel) take effect when their process completes:
/// a process answers PENDING for <see cref="BolSimulatorOptions.ProcessReadsWhilePending"/> reads, then SUCCESS
/// (or FAILURE / TIMEOUT when a test asked for it). Thread-safe: one lock around all of it.
/// </summary>
public sealed class BolSimulatorState
{
    public const int OrdersPerPage = 50;
    public const int MaxShipmentItems = 100;
    public static readonly TimeSpan HandledVisibleFor = TimeSpan.FromHours(48);

    /// <summary>bol writes its times in Dutch local time; winter time is near enough for a simulator.</summary>
    private static readonly TimeSpan DutchOffset = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly BolSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Order> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Offer> _offers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Process> _processes = new(StringComparer.Ordinal);
    private readonly Queue<(string Status, string? Message)> _plannedOutcomes = new();
    private readonly List<BolShipmentRequest> _shipmentRequests = [];
    private readonly List<BolCancellationRequest> _cancellationRequests = [];
    private readonly List<BolStockUpdate> _stockUpdates = [];
    private readonly List<string> _listQueries = [];
    private long _nextItemId = 2_012_345_678;
    private long _nextProcessId = 1_234_567;
    private long _nextTransportId = 312_778_947;
    private int _tokensIssued;
    private int _rateLimitRejections;

    internal BolSimulatorState(BolSimulatorOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
    }

    /// <summary>Applied to every GET /retailer/orders answer.</summary>
    public Action<JsonObject>? OrderListMutator { get; set; }

    /// <summary>Applied to every GET /retailer/orders/{id} answer.</summary>
    public Action<JsonObject>? OrderMutator { get; set; }

    /// <summary>Applied to every process status the simulator writes.</summary>
    public Action<JsonObject>? ProcessStatusMutator { get; set; }

    public int TokensIssued => Read(() => _tokensIssued);

    public int RateLimitRejections => Read(() => _rateLimitRejections);

    public IReadOnlyList<BolShipmentRequest> ShipmentRequests => Read(() => _shipmentRequests.ToList());

    public IReadOnlyList<BolCancellationRequest> CancellationRequests => Read(() => _cancellationRequests.ToList());

    public IReadOnlyList<BolStockUpdate> StockUpdates => Read(() => _stockUpdates.ToList());

    /// <summary>The filter of every accepted order-list call (<c>change-interval-minute=N</c>, <c>latest-change-date=D</c>
    /// or <c>none</c>) with its page, e.g. <c>latest-change-date=2026-03-07 page 1</c>.</summary>
    public IReadOnlyList<string> ListQueries => Read(() => _listQueries.ToList());

    public IReadOnlyList<BolItemView> AddOrder(BolOrderSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var order = new Order(seed.OrderId, seed.PlacedAt ?? now, seed.ShipmentDetails, seed.BillingDetails ?? seed.ShipmentDetails);
            foreach (var item in seed.Items)
            {
                var offer = _offers.Values.FirstOrDefault(o => o.Ean == item.Ean && o.Reference == item.OfferReference);
                order.Items.Add(new Item
                {
                    OrderItemId = (_nextItemId++).ToString(CultureInfo.InvariantCulture),
                    Seed = item,
                    OfferId = offer?.OfferId ?? Guid.NewGuid().ToString(),
                    LatestChanged = now,
                });
            }

            _orders.Add(order.OrderId, order);
            return order.Items.Select(i => i.View(order.OrderId)).ToList();
        }
    }

    public BolOfferView AddOffer(BolOfferSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        lock (_gate)
        {
            var offer = new Offer(Guid.NewGuid().ToString(), seed.Ean, seed.Reference, seed.FulfilmentMethod)
            {
                Stock = seed.Stock,
                ManagedByRetailer = seed.ManagedByRetailer,
                LastModified = _time.GetUtcNow(),
            };
            _offers.Add(offer.OfferId, offer);
            return offer.View();
        }
    }

    public IReadOnlyList<BolItemView> ItemsOf(string orderId) =>
        Read(() => _orders[orderId].Items.Select(i => i.View(orderId)).ToList());

    public BolOfferView GetOffer(string offerId) => Read(() => _offers[offerId].View());

    /// <summary>The customer asks to cancel an item (bol sets <c>cancellationRequest</c>).</summary>
    public void RequestCancellation(string orderItemId) => Change(orderItemId, item => item.CancellationRequest = true);

    /// <summary>bol ships (FBB) or the seller ships through bol's own screens: the item is shipped without the API.</summary>
    public void MarkShipped(string orderItemId) => Change(orderItemId, item => item.Shipped = item.Seed.Quantity - item.Cancelled);

    /// <summary>bol or the customer cancels an item outside the API (before it ships).</summary>
    public void MarkCancelled(string orderItemId) => Change(orderItemId, item =>
    {
        item.Cancelled += item.Open;
        item.CancellationRequest = false;
    });

    /// <summary>The next processes created end with FAILURE (and this message) instead of SUCCESS.</summary>
    public void FailNextProcesses(int count, string message) => Plan(count, "FAILURE", message);

    /// <summary>The next processes created end with TIMEOUT.</summary>
    public void TimeOutNextProcesses(int count) => Plan(count, "TIMEOUT", null);

    /// <summary>Every access token issued so far stops working (as if they expired).</summary>
    public void ExpireAllTokens()
    {
        lock (_gate)
        {
            foreach (var token in _tokens.Keys.ToList())
            {
                _tokens[token] = DateTimeOffset.MinValue;
            }
        }
    }

    /// <summary>Completes every pending process now (the demo does not wait for polls).</summary>
    public void CompletePendingProcesses()
    {
        lock (_gate)
        {
            foreach (var process in _processes.Values.Where(p => p.Status == "PENDING"))
            {
                Complete(process);
            }
        }
    }

    internal string IssueToken()
    {
        lock (_gate)
        {
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
            _tokens[token] = _time.GetUtcNow() + _options.TokenLifetime;
            _tokensIssued++;
            return token;
        }
    }

    /// <summary>Null when the token is good; otherwise why not (expired or unknown).</summary>
    internal string? CheckToken(string? token)
    {
        lock (_gate)
        {
            if (token is null || !_tokens.TryGetValue(token, out var expiresAt))
            {
                return "Unauthorized";
            }

            return _time.GetUtcNow() < expiresAt ? null : "Expired JWT";
        }
    }

    internal void CountRateLimitRejection()
    {
        lock (_gate)
        {
            _rateLimitRejections++;
        }
    }

    internal JsonObject ListOrders(OrderListQuery query)
    {
        lock (_gate)
        {
            _listQueries.Add(string.Create(CultureInfo.InvariantCulture, $"{Describe(query)} page {query.Page}"));
            var now = _time.GetUtcNow();
            var orders = new JsonArray();
            var matching = _orders.Values
                .Select(order => (Order: order, Items: order.Items.Where(i => Matches(i, query, now)).ToList()))
                .Where(o => o.Items.Count > 0)
                .OrderByDescending(o => o.Order.PlacedAt)
                .ThenBy(o => o.Order.OrderId, StringComparer.Ordinal)
                .Skip((query.Page - 1) * OrdersPerPage)
                .Take(OrdersPerPage);
            foreach (var (order, items) in matching)
            {
                orders.Add(new JsonObject
                {
                    ["orderId"] = order.OrderId,
                    ["orderPlacedDateTime"] = Time(order.PlacedAt),
                    ["orderItems"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
                    {
                        ["orderItemId"] = i.OrderItemId,
                        ["ean"] = i.Seed.Ean,
                        ["fulfilmentMethod"] = i.Seed.FulfilmentMethod,
                        ["fulfilmentStatus"] = i.Open > 0 ? "OPEN" : "HANDLED",
                        ["quantity"] = i.Seed.Quantity,
                        ["quantityShipped"] = i.Shipped,
                        ["quantityCancelled"] = i.Cancelled,
                        ["cancellationRequest"] = i.CancellationRequest,
                        ["latestChangedDateTime"] = Time(i.LatestChanged),
                    }).ToArray()),
                });
            }

            // An empty list comes back as an empty object, as bol's own answers do.
            var answer = orders.Count == 0 ? new JsonObject() : new JsonObject { ["orders"] = orders };
            OrderListMutator?.Invoke(answer);
            return answer;
        }
    }

    internal JsonObject? GetOrder(string orderId)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(orderId, out var order))
            {
                return null;
            }

            var json = new JsonObject
            {
                ["orderId"] = order.OrderId,
                ["pickupPoint"] = false,
                ["orderPlacedDateTime"] = Time(order.PlacedAt),
                ["shipmentDetails"] = Address(order.Shipment, billing: false),
                ["billingDetails"] = Address(order.Billing, billing: true),
                ["orderItems"] = new JsonArray(order.Items.Select(i => (JsonNode)new JsonObject
                {
                    ["orderItemId"] = i.OrderItemId,
                    ["cancellationRequest"] = i.CancellationRequest,
                    ["fulfilment"] = new JsonObject
                    {
                        ["method"] = i.Seed.FulfilmentMethod,
                        ["distributionParty"] = i.Seed.FulfilmentMethod == "FBB" ? "BOL" : "RETAILER",
                        ["latestDeliveryDate"] = order.PlacedAt.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["expiryDate"] = order.PlacedAt.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["timeFrameType"] = "REGULAR",
                    },
                    ["offer"] = i.Seed.OfferReference is null
                        ? new JsonObject { ["offerId"] = i.OfferId }
                        : new JsonObject { ["offerId"] = i.OfferId, ["reference"] = i.Seed.OfferReference },
                    ["product"] = new JsonObject { ["ean"] = i.Seed.Ean, ["title"] = i.Seed.Title },
                    ["quantity"] = i.Seed.Quantity,
                    ["quantityShipped"] = i.Shipped,
                    ["quantityCancelled"] = i.Cancelled,
                    ["unitPrice"] = i.Seed.UnitPrice,
                    ["totalPrice"] = i.Seed.UnitPrice * i.Seed.Quantity,
                    ["discounts"] = new JsonArray(),
                    ["commission"] = Math.Round(i.Seed.UnitPrice * i.Seed.Quantity * 0.15m, 2),
                    ["latestChangedDateTime"] = Time(i.LatestChanged),
                }).ToArray()),
            };
            OrderMutator?.Invoke(json);
            return json;
        }
    }

    internal (JsonObject? Process, SimulatorError? Error) CreateShipment(ShipmentCommand command, Uri baseUri)
    {
        lock (_gate)
        {
            var items = new List<(Item Item, int? Quantity)>();
            string? orderId = null;
            foreach (var (itemId, quantity) in command.Items)
            {
                var found = FindItem(itemId);
                if (found is null)
                {
                    return (null, SimulatorError.BadRequest($"Order item {itemId} does not exist."));
                }

                if (orderId is not null && found.Value.Order.OrderId != orderId)
                {
                    return (null, SimulatorError.BadRequest("All order items of a shipment must belong to one order."));
                }

                if (found.Value.Item.Seed.FulfilmentMethod != "FBR")
                {
                    return (null, SimulatorError.BadRequest($"Order item {itemId} is fulfilled by bol."));
                }

                orderId = found.Value.Order.OrderId;
                items.Add((found.Value.Item, quantity));
            }

            var process = NewProcess(command.Items[0].OrderItemId, BolCodes.CreateShipment, $"Example process status description for processing {command.Items[0].OrderItemId}.");
            process.Apply = () => ApplyShipment(items, command);
            _shipmentRequests.Add(new BolShipmentRequest(process.Id, command.Items.Select(i => i.OrderItemId).ToList(), command.ShipmentReference, command.TransporterCode, command.TrackAndTrace));
            return (ToJson(process, baseUri), null);
        }
    }

    internal (JsonObject? Process, SimulatorError? Error) CancelItem(string orderItemId, string reasonCode, Uri baseUri)
    {
        lock (_gate)
        {
            if (FindItem(orderItemId) is not { } found)
            {
                return (null, SimulatorError.BadRequest($"Order item {orderItemId} does not exist."));
            }

            var process = NewProcess(orderItemId, BolCodes.CancelOrder, $"Cancelling order item {orderItemId}.");
            process.Apply = () =>
            {
                if (found.Item.Open == 0)
                {
                    return $"Order item {orderItemId} is already handled.";
                }

                found.Item.Cancelled += found.Item.Open;
                found.Item.CancellationRequest = false;
                found.Item.LatestChanged = _time.GetUtcNow();
                return null;
            };
            _cancellationRequests.Add(new BolCancellationRequest(process.Id, orderItemId, reasonCode));
            return (ToJson(process, baseUri), null);
        }
    }

    internal JsonObject? ReadProcess(string processStatusId, Uri baseUri)
    {
        lock (_gate)
        {
            return _processes.TryGetValue(processStatusId, out var process) ? ToJson(Advance(process), baseUri) : null;
        }
    }

    internal JsonObject FindProcesses(string entityId, string eventType, Uri baseUri)
    {
        lock (_gate)
        {
            var found = _processes.Values
                .Where(p => p.EntityId == entityId && p.EventType == eventType)
                .OrderByDescending(p => p.Created)
                .Select(p => (JsonNode)ToJson(Advance(p), baseUri))
                .ToArray();
            return new JsonObject { ["processStatuses"] = new JsonArray(found) };
        }
    }

    internal JsonObject ListOffers(string? reference, IReadOnlyCollection<string> eans, int pageSize)
    {
        lock (_gate)
        {
            var offers = _offers.Values
                .Where(o => reference is null || o.Reference == reference)
                .Where(o => eans.Count == 0 || eans.Contains(o.Ean))
                .OrderBy(o => o.OfferId, StringComparer.Ordinal)
                .Take(pageSize)
                .Select(o => (JsonNode)new JsonObject
                {
                    ["offerId"] = o.OfferId,
                    ["ean"] = o.Ean,
                    ["reference"] = o.Reference,
                    ["lastModifiedDateTime"] = Time(o.LastModified),
                    ["onHoldByRetailer"] = false,
                    ["condition"] = new JsonObject { ["category"] = "NEW" },
                    ["pricing"] = new JsonObject { ["bundlePrices"] = new JsonArray(new JsonObject { ["quantity"] = 1, ["unitPrice"] = 9.99m }) },
                    ["fulfilment"] = new JsonObject { ["method"] = o.FulfilmentMethod },
                    ["stock"] = new JsonObject { ["amount"] = o.Stock, ["correctedStock"] = o.Stock, ["managedByRetailer"] = o.ManagedByRetailer },
                })
                .ToArray();
            return new JsonObject { ["offers"] = new JsonArray(offers), ["page"] = new JsonObject { ["pageSize"] = pageSize, ["nextCursor"] = null } };
        }
    }

    internal SimulatorError? UpdateOfferStock(string offerId, int amount, bool managedByRetailer)
    {
        lock (_gate)
        {
            if (!_offers.TryGetValue(offerId, out var offer))
            {
                return SimulatorError.NotFound($"Offer {offerId} does not exist.");
            }

            offer.Stock = amount;
            offer.ManagedByRetailer = managedByRetailer;
            offer.LastModified = _time.GetUtcNow();
            _stockUpdates.Add(new BolStockUpdate(offerId, amount, managedByRetailer));
            return null;
        }
    }

    private bool Matches(Item item, OrderListQuery query, DateTimeOffset now)
    {
        if (query.FulfilmentMethod != "ALL" && item.Seed.FulfilmentMethod != query.FulfilmentMethod)
        {
            return false;
        }

        var statusMatches = query.Status switch
        {
            "OPEN" => item.Open > 0,
            "SHIPPED" => item.Shipped > 0,
            _ => true,
        };
        if (!statusMatches)
        {
            return false;
        }

        if (query.ChangeIntervalMinutes is { } minutes)
        {
            return item.LatestChanged >= now.AddMinutes(-minutes);
        }

        if (query.LatestChangeDate is { } date)
        {
            return DateOnly.FromDateTime(item.LatestChanged.UtcDateTime) == date;
        }

        // Handled items stay in the list for 48 hours.
        return item.Open > 0 || now - item.LatestChanged < HandledVisibleFor;
    }

    private static string Describe(OrderListQuery query) =>
        query.ChangeIntervalMinutes is { } minutes ? string.Create(CultureInfo.InvariantCulture, $"change-interval-minute={minutes}")
        : query.LatestChangeDate is { } date ? $"latest-change-date={date:yyyy-MM-dd}"
        : "none";

    private string? ApplyShipment(List<(Item Item, int? Quantity)> items, ShipmentCommand command)
    {
        if (items.FirstOrDefault(i => (i.Quantity ?? i.Item.Open) > i.Item.Open || i.Item.Open == 0) is { Item: not null } over)
        {
            return $"Order item {over.Item.OrderItemId} has no open quantity left to ship.";
        }

        var now = _time.GetUtcNow();
        foreach (var (item, quantity) in items)
        {
            item.Shipped += quantity ?? item.Open;
            item.LatestChanged = now;
            item.TransportId = (_nextTransportId++).ToString(CultureInfo.InvariantCulture);
            item.TrackAndTrace = command.TrackAndTrace;
        }

        return null;
    }

    private Process NewProcess(string entityId, string eventType, string description)
    {
        var (status, message) = _plannedOutcomes.Count > 0 ? _plannedOutcomes.Dequeue() : ("SUCCESS", null);
        var process = new Process((_nextProcessId++).ToString(CultureInfo.InvariantCulture), entityId, eventType, description, _time.GetUtcNow())
        {
            ReadsWhilePending = _options.ProcessReadsWhilePending,
            Outcome = status,
            OutcomeMessage = message,
        };
        _processes.Add(process.Id, process);
        return process;
    }

    private Process Advance(Process process)
    {
        if (process.Status == "PENDING")
        {
            if (process.ReadsWhilePending > 0)
            {
                process.ReadsWhilePending--;
            }
            else
            {
                Complete(process);
            }
        }

        return process;
    }

    private void Complete(Process process)
    {
        if (process.Outcome != "SUCCESS")
        {
            process.Status = process.Outcome;
            process.ErrorMessage = process.OutcomeMessage;
            return;
        }

        var failure = process.Apply?.Invoke();
        process.Status = failure is null ? "SUCCESS" : "FAILURE";
        process.ErrorMessage = failure;
    }

    private JsonObject ToJson(Process p, Uri baseUri)
    {
        var json = new JsonObject
        {
            ["processStatusId"] = p.Id,
            ["entityId"] = p.EntityId,
            ["eventType"] = p.EventType,
            ["description"] = p.Description,
            ["status"] = p.Status,
            ["createTimestamp"] = Time(p.Created),
            ["links"] = new JsonArray(new JsonObject
            {
                ["rel"] = "self",
                ["href"] = new Uri(baseUri, $"shared/process-status/{p.Id}").AbsoluteUri,
                ["method"] = "GET",
            }),
        };
        if (p.ErrorMessage is not null)
        {
            json["errorMessage"] = p.ErrorMessage;
        }

        ProcessStatusMutator?.Invoke(json);
        return json;
    }

    private void Plan(int count, string status, string? message)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _plannedOutcomes.Enqueue((status, message));
            }
        }
    }

    private void Change(string orderItemId, Action<Item> change)
    {
        lock (_gate)
        {
            var found = FindItem(orderItemId) ?? throw new ArgumentException($"No order item {orderItemId}.", nameof(orderItemId));
            change(found.Item);
            found.Item.LatestChanged = _time.GetUtcNow();
        }
    }

    private (Order Order, Item Item)? FindItem(string orderItemId)
    {
        foreach (var order in _orders.Values)
        {
            if (order.Items.FirstOrDefault(i => i.OrderItemId == orderItemId) is { } item)
            {
                return (order, item);
            }
        }

        return null;
    }

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private static string Time(DateTimeOffset at) => at.ToOffset(DutchOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static JsonObject Address(BolAddressSeed a, bool billing)
    {
        var json = new JsonObject
        {
            ["salutation"] = "UNKNOWN",
            ["firstName"] = a.FirstName,
            ["surname"] = a.Surname,
            ["streetName"] = a.StreetName,
            ["houseNumber"] = a.HouseNumber,
            ["zipCode"] = a.ZipCode,
            ["city"] = a.City,
            ["countryCode"] = a.CountryCode,
            ["email"] = a.Email,
            ["language"] = "nl",
        };
        if (a.HouseNumberExtension is not null)
        {
            json["houseNumberExtension"] = a.HouseNumberExtension;
        }

        if (billing)
        {
            json.Remove("language");
        }

        return json;
    }

    private sealed record Order(string OrderId, DateTimeOffset PlacedAt, BolAddressSeed Shipment, BolAddressSeed Billing)
    {
        public List<Item> Items { get; } = [];
    }

    private sealed class Item
    {
        public required string OrderItemId { get; init; }

        public required BolItemSeed Seed { get; init; }

        public required string OfferId { get; init; }

        public DateTimeOffset LatestChanged { get; set; }

        public int Shipped { get; set; }

        public int Cancelled { get; set; }

        public bool CancellationRequest { get; set; }

        public string? TransportId { get; set; }

        public string? TrackAndTrace { get; set; }

        public int Open => Seed.Quantity - Shipped - Cancelled;

        public BolItemView View(string orderId) => new(orderId, OrderItemId, Seed.Ean, Seed.Quantity, Shipped, Cancelled, CancellationRequest);
    }

    private sealed record Offer(string OfferId, string Ean, string? Reference, string FulfilmentMethod)
    {
        public int Stock { get; set; }

        public bool ManagedByRetailer { get; set; }

        public DateTimeOffset LastModified { get; set; }

        public BolOfferView View() => new(OfferId, Ean, Reference, FulfilmentMethod, Stock, ManagedByRetailer);
    }

    private sealed record Process(string Id, string EntityId, string EventType, string Description, DateTimeOffset Created)
    {
        public string Status { get; set; } = "PENDING";

        public string? ErrorMessage { get; set; }

        public int ReadsWhilePending { get; set; }

        public required string Outcome { get; init; }

        public string? OutcomeMessage { get; init; }

        /// <summary>Applies the change; returns an error message when it cannot.</summary>
        public Func<string?>? Apply { get; set; }
    }
}

/// <summary>A validated GET /retailer/orders.</summary>
internal sealed record OrderListQuery(int Page, string FulfilmentMethod, string Status, int? ChangeIntervalMinutes, DateOnly? LatestChangeDate);

/// <summary>A validated POST /retailer/shipments.</summary>
internal sealed record ShipmentCommand(IReadOnlyList<(string OrderItemId, int? Quantity)> Items, string? ShipmentReference, string? TransporterCode, string? TrackAndTrace);

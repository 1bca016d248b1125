using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrderFunctions.Sandbox.Shopify.GraphQL;

namespace OrderFunctions.Sandbox.Shopify;

/// <summary>A userError of a mutation payload: the input path, a message and a code.</summary>
internal sealed record ShopifyUserError(IReadOnlyList<string> Field, string Message, string? Code = null);

/// <summary>
/// The simulated shop's data and Shopify's rules for it (reference section D): orderCreate with its inventory
/// behaviours and userErrors, derived display statuses, fulfilment orders and fulfilments with tracking, the
/// asynchronous orderCancel job (restock, refusal when already cancelled or shipped), close/open, inventory per
/// location, and search with an index that may lag behind creates. All access goes through <see cref="Gate"/>.
/// </summary>
internal sealed partial class ShopifyStore(ShopifySimulatorOptions options)
{
    public const long LocationId = 1;

    private readonly List<ShopifyVariant> _variants = [];
    private readonly SortedDictionary<long, ShopifyOrder> _orders = [];
    private readonly Dictionary<long, ShopifyJob> _jobs = [];
    private long _nextId = 5_000_001;
    private int _orderNumber = 1001;

    /// <summary>The one lock around the data (re-entrant: resolvers run inside a request that holds it).</summary>
    public object Gate { get; } = new();

    public int OrdersCreated { get; private set; }

    /// <summary>Raised inside the lock after a change: webhook topic and the order.</summary>
    public event Action<string, ShopifyOrder>? OrderChanged;

    private DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    // ---- catalogue ---------------------------------------------------------------------------------------------

    public ShopifyVariant AddVariant(string sku, string title, decimal price, int? available)
    {
        lock (Gate)
        {
            var variant = new ShopifyVariant { Id = _nextId++, InventoryItemId = _nextId++, Sku = sku, Title = title, Price = price };
            if (available is { } quantity)
            {
                variant.Available[LocationId] = quantity;
            }

            _variants.Add(variant);
            return variant;
        }
    }

    public ShopifyVariant? Variant(string sku)
    {
        lock (Gate)
        {
            return _variants.FirstOrDefault(v => string.Equals(v.Sku, sku, StringComparison.OrdinalIgnoreCase));
        }
    }

    public IEnumerable<ShopifyVariant> SearchVariants(string? query)
    {
        var search = ShopifySearch.Parse(query);
        return _variants.Where(v => search.Matches(term => term.Field switch
        {
            "sku" => string.Equals(v.Sku, term.Value, StringComparison.OrdinalIgnoreCase),
            "title" or null => v.Title.Contains(term.Value, StringComparison.OrdinalIgnoreCase),
            _ => throw ShopifySearch.Unsupported(term, "product variant"),
        }));
    }

    // ---- orders ------------------------------------------------------------------------------------------------

    public ShopifyOrder? Order(long id)
    {
        lock (Gate)
        {
            ProcessDueJobs();
            return _orders.GetValueOrDefault(id);
        }
    }

    public List<ShopifyOrder> AllOrders()
    {
        lock (Gate)
        {
            ProcessDueJobs();
            return [.. _orders.Values];
        }
    }

    /// <summary>Orders passing a search query. Search runs on an index that sees a new order only
    /// <see cref="ShopifySimulatorOptions.SearchIndexDelay"/> after its creation.</summary>
    public IEnumerable<ShopifyOrder> SearchOrders(string? query)
    {
        var search = ShopifySearch.Parse(query);
        var indexedBefore = Now - options.SearchIndexDelay;
        return _orders.Values.Where(o => o.CreatedAt <= indexedBefore && search.Matches(term => term.Field switch
        {
            "source_identifier" => string.Equals(o.SourceIdentifier, term.Value, StringComparison.OrdinalIgnoreCase),
            "source_name" => string.Equals(o.SourceName, term.Value, StringComparison.OrdinalIgnoreCase),
            "updated_at" => ShopifySearch.CompareDate(o.UpdatedAt, term),
            "created_at" => ShopifySearch.CompareDate(o.CreatedAt, term),
            "name" => string.Equals(o.Name.TrimStart('#'), term.Value.TrimStart('#'), StringComparison.OrdinalIgnoreCase),
            "tag" => o.Tags.Contains(term.Value, StringComparer.OrdinalIgnoreCase),
            "status" => term.Value switch
            {
                "open" => o.ClosedAt is null && o.CancelledAt is null,
                "closed" => o.ClosedAt is not null,
                "cancelled" => o.CancelledAt is not null,
                "not_closed" => o.ClosedAt is null,
                _ => false,
            },
            null => o.Name.Contains(term.Value, StringComparison.OrdinalIgnoreCase) || o.Email?.Contains(term.Value, StringComparison.OrdinalIgnoreCase) == true,
            _ => throw ShopifySearch.Unsupported(term, "order"),
        }));
    }

    /// <summary><c>orderCreate</c>: validates the input as Shopify does (userErrors, nothing stored), then stores the
    /// order and applies the inventory behaviour.</summary>
    public (ShopifyOrder? Order, List<ShopifyUserError> Errors) CreateOrder(JsonObject input, JsonObject? createOptions)
    {
        var errors = new List<ShopifyUserError>();
        var lines = new List<ShopifyLineItem>();
        var inputLines = input["lineItems"] as JsonArray ?? [];
        if (inputLines.Count == 0)
        {
            errors.Add(new(["order", "lineItems"], "Line items must have at least one line item", "INVALID"));
        }

        var currency = (string?)input["currency"] ?? options.ShopCurrency;
        for (var i = 0; i < inputLines.Count; i++)
        {
            var line = (JsonObject)inputLines[i]!;
            var path = new[] { "order", "lineItems", i.ToString(CultureInfo.InvariantCulture) };
            ShopifyVariant? variant = null;
            if ((string?)line["variantId"] is { } variantId)
            {
                variant = _variants.FirstOrDefault(v => Gid.Of("ProductVariant", v.Id) == variantId);
                if (variant is null)
                {
                    errors.Add(new([.. path, "variantId"], "Variant does not exist", "INVALID"));
                    continue;
                }
            }
            else if (line["title"] is null)
            {
                errors.Add(new([.. path, "title"], "Title can't be blank for custom line items", "BLANK"));
                continue;
            }

            var quantity = GqlArguments.ToInt64(line["quantity"]!);
            if (quantity < 1)
            {
                errors.Add(new([.. path, "quantity"], "Quantity must be greater than or equal to 1", "GREATER_THAN_OR_EQUAL_TO"));
                continue;
            }

            var money = line["priceSet"]?["shopMoney"];
            if (money is not null && (string?)money["currencyCode"] != currency)
            {
                errors.Add(new([.. path, "priceSet", "shopMoney", "currencyCode"], $"Currency must match the order currency {currency}", "INVALID"));
                continue;
            }

            lines.Add(new ShopifyLineItem
            {
                Id = _nextId++,
                Variant = variant,
                Title = (string?)line["title"] ?? variant!.Title,
                Sku = (string?)line["sku"] ?? variant?.Sku,
                Quantity = (int)quantity,
                Price = money is null ? variant?.Price ?? 0 : decimal.Parse(money["amount"]!.ToString(), CultureInfo.InvariantCulture),
            });
        }

        if ((string?)input["email"] is { } email && !EmailPattern().IsMatch(email))
        {
            errors.Add(new(["order", "email"], "Email is invalid", "INVALID"));
        }

        var behaviour = (string?)createOptions?["inventoryBehaviour"] ?? "BYPASS";
        if (behaviour == "DECREMENT_OBEYING_POLICY")
        {
            foreach (var (line, index) in lines.Select((l, i) => (l, i)))
            {
                if (line.Variant is { Tracked: true } tracked && tracked.Available[LocationId] < line.Quantity)
                {
                    errors.Add(new(["order", "lineItems", index.ToString(CultureInfo.InvariantCulture)], $"{line.Title} is not available in the requested quantity", "INVENTORY_NOT_AVAILABLE"));
                }
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = Now;
        var order = new ShopifyOrder
        {
            Id = _nextId++,
            Name = $"#{_orderNumber++}",
            SourceIdentifier = (string?)input["sourceIdentifier"],
            SourceName = (string?)input["sourceName"],
            Tags = (input["tags"] as JsonArray)?.Select(t => (string)t!).ToList() ?? [],
            CustomAttributes = (input["customAttributes"] as JsonArray)?.Select(a => KeyValuePair.Create((string)a!["key"]!, (string)a["value"]!)).ToList() ?? [],
            Email = (string?)input["email"],
            Note = (string?)input["note"],
            Currency = currency,
            LineItems = lines,
            CreatedAt = now,
            UpdatedAt = now,
            FinancialStatus = (string?)input["financialStatus"] ?? "PENDING",
            FulfillmentOrder = new ShopifyFulfillmentOrder { Id = _nextId++ },
        };
        if (behaviour != "BYPASS")
        {
            MoveStock(order, -1);
            order.InventoryTaken = true;
        }

        _orders[order.Id] = order;
        OrdersCreated++;
        OrderChanged?.Invoke("orders/create", order);
        return (order, []);
    }

    /// <summary><c>orderCancel</c>: refused for cancelled, cancelling or shipped orders; otherwise an asynchronous
    /// job that cancels (and restocks) once due.</summary>
    public (ShopifyJob? Job, List<ShopifyUserError> Errors) Cancel(long orderId, string reason, bool restock)
    {
        var order = _orders.GetValueOrDefault(orderId);
        if (order is null)
        {
            return (null, [new(["orderId"], "Order does not exist", "NOT_FOUND")]);
        }

        if (order.CancelledAt is not null || _jobs.Values.Any(j => !j.Done && j.OrderId == order.Id))
        {
            return (null, [new(["orderId"], "Order has already been cancelled", "INVALID")]);
        }

        if (order.Fulfillments.Any(f => f.Status == "SUCCESS"))
        {
            return (null, [new(["orderId"], "Cannot cancel an order with fulfillments; cancel the fulfillments first", "INVALID")]);
        }

        var job = new ShopifyJob
        {
            Id = _nextId++,
            OrderId = order.Id,
            DueAt = Now + options.CancelJobDuration,
            Complete = new CancelAction(this, order, reason, restock).Run,
        };
        _jobs[job.Id] = job;
        ProcessDueJobs();
        return (job, []);
    }

    public ShopifyJob? Job(long id)
    {
        ProcessDueJobs();
        return _jobs.GetValueOrDefault(id);
    }

    /// <summary><c>fulfillmentCreate</c>: ships what is left on the given fulfilment orders, with tracking.</summary>
    public (ShopifyFulfillment? Fulfillment, List<ShopifyUserError> Errors) CreateFulfillment(JsonObject input)
    {
        var groups = (JsonArray)input["lineItemsByFulfillmentOrder"]!;
        var orders = new List<ShopifyOrder>();
        foreach (var (group, index) in groups.Select((g, i) => ((JsonObject)g!, i)))
        {
            var id = (string)group["fulfillmentOrderId"]!;
            var order = _orders.Values.FirstOrDefault(o => Gid.Of("FulfillmentOrder", o.FulfillmentOrder.Id) == id);
            var path = new[] { "fulfillment", "lineItemsByFulfillmentOrder", index.ToString(CultureInfo.InvariantCulture), "fulfillmentOrderId" };
            if (order is null)
            {
                return (null, [new(path, "Fulfillment order does not exist.")]);
            }

            if (order.FulfillmentOrder.Status is not ("OPEN" or "IN_PROGRESS"))
            {
                return (null, [new(path, $"Fulfillment order {id} has an unfulfillable status= {order.FulfillmentOrder.Status.ToLowerInvariant()}.")]);
            }

            orders.Add(order);
        }

        if (orders.Count == 0)
        {
            return (null, [new(["fulfillment", "lineItemsByFulfillmentOrder"], "Line items by fulfillment order can't be blank")]);
        }

        var fulfillment = new ShopifyFulfillment { Id = _nextId++, CreatedAt = Now };
        if (input["trackingInfo"] is JsonObject tracking)
        {
            var numbers = (tracking["numbers"] as JsonArray)?.Select(n => (string?)n).ToList() ?? [(string?)tracking["number"]];
            var urls = (tracking["urls"] as JsonArray)?.Select(u => (string?)u).ToList() ?? [(string?)tracking["url"]];
            for (var i = 0; i < numbers.Count; i++)
            {
                fulfillment.TrackingInfo.Add(new ShopifyTrackingInfo((string?)tracking["company"], numbers[i], urls.ElementAtOrDefault(i)));
            }
        }

        foreach (var (order, group) in orders.Zip(groups.Select(g => (JsonObject)g!)))
        {
            // Without fulfillmentOrderLineItems everything left is shipped; with them, the given quantities.
            var requested = (group["fulfillmentOrderLineItems"] as JsonArray)?.Select(i => (JsonObject)i!)
                .ToDictionary(i => (string)i["id"]!, i => (int)GqlArguments.ToInt64(i["quantity"]!));
            foreach (var line in order.LineItems)
            {
                var left = line.Quantity - line.FulfilledQuantity;
                line.FulfilledQuantity += requested is null ? left : Math.Min(left, requested.GetValueOrDefault(Gid.Of("FulfillmentOrderLineItem", line.Id)));
            }

            var complete = order.LineItems.All(l => l.FulfilledQuantity == l.Quantity);
            order.FulfillmentOrder.Status = complete ? "CLOSED" : "IN_PROGRESS";
            order.Fulfillments.Add(fulfillment);
            if (complete && options.AutoArchiveFulfilledOrders)
            {
                order.ClosedAt ??= Now;
            }

            Touch(order, complete ? "orders/fulfilled" : "orders/updated");
        }

        return (fulfillment, []);
    }

    /// <summary>Later tracking on the latest fulfilment (what <c>fulfillmentTrackingInfoUpdate</c> does).</summary>
    public void AddTracking(long orderId, ShopifyTrackingInfo tracking)
    {
        lock (Gate)
        {
            var order = _orders[orderId];
            var fulfillment = order.Fulfillments.LastOrDefault(f => f.Status == "SUCCESS") ?? throw new InvalidOperationException($"Order {orderId} has no fulfillment to add tracking to.");
            fulfillment.TrackingInfo.Add(tracking);
            Touch(order, "orders/updated");
        }
    }

    public (ShopifyOrder? Order, List<ShopifyUserError> Errors) SetClosed(long orderId, bool closed)
    {
        var order = _orders.GetValueOrDefault(orderId);
        if (order is null)
        {
            return (null, [new(["input", "id"], "Order does not exist")]);
        }

        order.ClosedAt = closed ? order.ClosedAt ?? Now : null;
        Touch(order, "orders/updated");
        return (order, []);
    }

    public void HoldFulfillment(long orderId)
    {
        lock (Gate)
        {
            _orders[orderId].FulfillmentOrder.Status = "ON_HOLD";
            Touch(_orders[orderId], "orders/updated");
        }
    }

    public void SetFinancialStatus(long orderId, string status)
    {
        lock (Gate)
        {
            _orders[orderId].FinancialStatus = status;
            Touch(_orders[orderId], "orders/updated");
        }
    }

    public int? Available(string sku)
    {
        lock (Gate)
        {
            return Variant(sku) is { Tracked: true } variant ? variant.Available.Values.Sum() : null;
        }
    }

    public void SetAvailable(string sku, int? quantity)
    {
        lock (Gate)
        {
            var variant = Variant(sku) ?? throw new InvalidOperationException($"No variant with SKU '{sku}'.");
            variant.Available.Clear();
            if (quantity is { } value)
            {
                variant.Available[LocationId] = value;
            }
        }
    }

    /// <summary>Runs the jobs that are due (called on every read and request).</summary>
    public void ProcessDueJobs()
    {
        lock (Gate)
        {
            foreach (var job in _jobs.Values.Where(j => !j.Done && j.DueAt <= Now).ToList())
            {
                job.Done = true;
                job.Complete();
            }
        }
    }

    /// <summary>Records a change: <c>orders/updated</c> fires for every change, plus the specific topic
    /// (<c>orders/fulfilled</c>, <c>orders/cancelled</c>) when there is one.</summary>
    private void Touch(ShopifyOrder order, string topic)
    {
        order.UpdatedAt = Now;
        if (topic != "orders/updated")
        {
            OrderChanged?.Invoke(topic, order);
        }

        OrderChanged?.Invoke("orders/updated", order);
    }

    private static void MoveStock(ShopifyOrder order, int sign)
    {
        foreach (var line in order.LineItems)
        {
            if (line.Variant is { Tracked: true } variant)
            {
                variant.Available[LocationId] += sign * (line.Quantity - line.FulfilledQuantity);
            }
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    /// <summary>What the cancel job does when it completes.</summary>
    private sealed class CancelAction(ShopifyStore store, ShopifyOrder order, string reason, bool restock)
    {
        public void Run()
        {
            order.CancelledAt = store.Now;
            order.CancelReason = reason;
            order.ClosedAt ??= store.Now;
            order.FulfillmentOrder.Status = "CLOSED";
            if (restock && order.InventoryTaken)
            {
                MoveStock(order, +1);
                order.InventoryTaken = false;
            }

            store.Touch(order, "orders/cancelled");
        }
    }
}

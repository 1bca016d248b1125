using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderFunctions.Sandbox.WooCommerce;

/// <summary>A product or variation in the simulated catalogue.</summary>
internal sealed class WooProduct
{
    public required int Id { get; init; }

    public int ParentId { get; init; }

    public required string Sku { get; init; }

    public required string Name { get; init; }

    public decimal Price { get; init; }

    public int? StockQuantity { get; set; }

    public bool ManageStock => StockQuantity is not null;

    public string Type => ParentId == 0 ? "simple" : "variation";

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["type"] = Type,
        ["parent_id"] = ParentId,
        ["sku"] = Sku,
        ["price"] = Price.ToString("0.00", CultureInfo.InvariantCulture),
        ["manage_stock"] = ManageStock,
        ["stock_quantity"] = StockQuantity,
        ["stock_status"] = StockQuantity is null or > 0 ? "instock" : "outofstock",
    };
}

/// <summary>A registered webhook (<c>POST /webhooks</c>).</summary>
internal sealed class WooWebhook
{
    public required int Id { get; init; }

    public required string Topic { get; init; }

    public required Uri DeliveryUrl { get; init; }

    public required string Secret { get; init; }

    public string Status { get; set; } = "active";

    public int FailureCount { get; set; }
}

/// <summary>
/// The simulated shop's data and WooCommerce's rules for it (reference section C): orders kept as the JSON the REST
/// API returns, registered statuses, <c>set_paid</c> and status-driven stock reduction and restocking, meta_data
/// merge rules, search over item names and addresses. Thread-safe; every method takes the one lock.
/// </summary>
internal sealed class WooCommerceStore(WooCommerceSimulatorOptions options)
{
    /// <summary>Statuses in which WooCommerce core has taken the items out of stock.</summary>
    private static readonly string[] StockReducingStatuses = ["processing", "completed", "on-hold"];

    /// <summary>Statuses WooCommerce core returns the items to stock in (when it had taken them).</summary>
    private static readonly string[] RestockingStatuses = ["cancelled", "pending"];

    private static readonly string[] CoreStatuses = ["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "checkout-draft"];

    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, JsonObject> _orders = [];
    private readonly HashSet<int> _stockReduced = [];
    private readonly List<WooProduct> _products = [];
    private readonly List<WooWebhook> _webhooks = [];
    private readonly HashSet<string> _statuses = [.. CoreStatuses, .. options.CustomStatuses];
    private int _nextOrderId = 1001;
    private int _nextProductId = 11;
    private int _nextSubId = 1;
    private int _ordersCreated;

    /// <summary>Raised (outside the lock) after an order was created or changed: topic <c>order.created</c> or
    /// <c>order.updated</c>, and a copy of the order.</summary>
    public event Action<string, JsonObject>? OrderChanged;

    public int OrdersCreated
    {
        get
        {
            lock (_gate)
            {
                return _ordersCreated;
            }
        }
    }

    public IReadOnlyCollection<string> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _statuses];
            }
        }
    }

    public void RegisterStatus(string slug)
    {
        lock (_gate)
        {
            _statuses.Add(slug);
        }
    }

    // ---- products --------------------------------------------------------------------------------------------

    public int AddProduct(string sku, string name, decimal price, int? stock, string? parentSku)
    {
        lock (_gate)
        {
            var parentId = parentSku is null ? 0 : FindProduct(parentSku)?.Id ?? throw new InvalidOperationException($"No product with SKU '{parentSku}'.");
            var product = new WooProduct { Id = _nextProductId++, ParentId = parentId, Sku = sku, Name = name, Price = price, StockQuantity = stock };
            _products.Add(product);
            return product.Id;
        }
    }

    public int? GetStock(string sku)
    {
        lock (_gate)
        {
            return FindProduct(sku)?.StockQuantity;
        }
    }

    public void SetStock(string sku, int? quantity)
    {
        lock (_gate)
        {
            (FindProduct(sku) ?? throw new InvalidOperationException($"No product with SKU '{sku}'.")).StockQuantity = quantity;
        }
    }

    /// <summary><c>GET /products?sku=a,b</c>: exact SKUs, products and variations alike (WooCommerce includes
    /// variations when filtering by SKU).</summary>
    public List<JsonObject> ProductsBySku(IReadOnlyCollection<string> skus)
    {
        lock (_gate)
        {
            return [.. _products.Where(p => skus.Contains(p.Sku, StringComparer.OrdinalIgnoreCase)).Select(p => p.ToJson())];
        }
    }

    public JsonObject? Product(int id)
    {
        lock (_gate)
        {
            return _products.FirstOrDefault(p => p.Id == id)?.ToJson();
        }
    }

    // ---- orders ----------------------------------------------------------------------------------------------

    public JsonObject CreateOrder(JsonObject request)
    {
        JsonObject created;
        lock (_gate)
        {
            var now = options.TimeProvider.GetUtcNow();
            var id = _nextOrderId++;
            var status = request["status"] is null ? "pending" : ValidStatus(request["status"]);
            var order = new JsonObject
            {
                ["id"] = id,
                ["parent_id"] = 0,
                ["number"] = id.ToString(CultureInfo.InvariantCulture),
                ["order_key"] = $"wc_order_{Guid.NewGuid():N}"[..22],
                ["created_via"] = "rest-api",
                ["status"] = status,
                ["currency"] = String(request, "currency") ?? "EUR",
                ["customer_id"] = 0,
                ["customer_note"] = String(request, "customer_note") ?? "",
                ["payment_method"] = String(request, "payment_method") ?? "",
                ["payment_method_title"] = String(request, "payment_method_title") ?? "",
                ["transaction_id"] = String(request, "transaction_id") ?? "",
                ["billing"] = Address(request["billing"], withEmail: true),
                ["shipping"] = Address(request["shipping"], withEmail: false),
                ["meta_data"] = new JsonArray(),
                ["date_paid"] = null,
                ["date_paid_gmt"] = null,
                ["date_completed"] = null,
                ["date_completed_gmt"] = null,
            };
            SetDate(order, "date_created", now);
            SetDate(order, "date_modified", now);
            order["line_items"] = LineItems(request["line_items"]);
            order["shipping_lines"] = ShippingLines(request["shipping_lines"]);
            MergeMeta(order, request["meta_data"]);
            RecalculateTotal(order);

            _orders[id] = order;
            _ordersCreated++;
            if (request["set_paid"]?.GetValueKind() == JsonValueKind.True)
            {
                PaymentComplete(order, now);
            }

            ApplyStockRules(order, previousStatus: null);
            created = (JsonObject)order.DeepClone();
        }

        OrderChanged?.Invoke("order.created", (JsonObject)created.DeepClone());
        return created;
    }

    public JsonObject UpdateOrder(int id, JsonObject request)
    {
        return Change(id, order =>
        {
            if (request["status"] is { } status)
            {
                order["status"] = ValidStatus(status);
            }

            foreach (var field in new[] { "customer_note", "transaction_id", "payment_method", "payment_method_title" })
            {
                if (String(request, field) is { } value)
                {
                    order[field] = value;
                }
            }

            foreach (var field in new[] { "billing", "shipping" })
            {
                if (request[field] is JsonObject changes)
                {
                    foreach (var (name, value) in changes)
                    {
                        order[field]![name] = value?.DeepClone();
                    }
                }
            }

            MergeMeta(order, request["meta_data"]);
            if (request["set_paid"]?.GetValueKind() == JsonValueKind.True)
            {
                PaymentComplete(order, options.TimeProvider.GetUtcNow());
            }
        });
    }

    public JsonObject? GetOrder(int id)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(id, out var order) ? (JsonObject)order.DeepClone() : null;
        }
    }

    public List<JsonObject> AllOrders()
    {
        lock (_gate)
        {
            return [.. _orders.Values.Select(o => (JsonObject)o.DeepClone())];
        }
    }

    public void SetStatus(int id, string status) => Change(id, order => order["status"] = ValidStatus(JsonValue.Create(status)));

    /// <summary>Adds (or, with the same key, replaces) one meta entry, the way plugins write order meta.</summary>
    public void SetMeta(int id, string key, JsonNode? value) =>
        Change(id, order => MergeMeta(order, new JsonArray(new JsonObject { ["key"] = key, ["value"] = value?.DeepClone() })));

    /// <summary>Appends an item to the Shipment Tracking extension's <c>_wc_shipment_tracking_items</c> meta.</summary>
    public void AddShipmentTracking(int id, JsonObject item) => Change(id, order =>
    {
        var meta = (JsonArray)order["meta_data"]!;
        var entry = meta.OfType<JsonObject>().FirstOrDefault(m => (string?)m["key"] == "_wc_shipment_tracking_items");
        if (entry is null)
        {
            entry = new JsonObject { ["id"] = _nextSubId++, ["key"] = "_wc_shipment_tracking_items", ["value"] = new JsonArray() };
            meta.Add(entry);
        }

        item["tracking_id"] = Guid.NewGuid().ToString("N");
        ((JsonArray)entry["value"]!).Add(item);
    });

    /// <summary>Lets a test change the stored JSON directly (to serve malformed payloads).</summary>
    public void EditRaw(int id, Action<JsonObject> edit)
    {
        lock (_gate)
        {
            edit(_orders.TryGetValue(id, out var order) ? order : throw new KeyNotFoundException($"No order {id}."));
        }
    }

    /// <summary>Orders that pass the list filters, in the requested order.</summary>
    public List<JsonObject> Query(OrderQuery query)
    {
        lock (_gate)
        {
            IEnumerable<JsonObject> orders = _orders.Values;
            if (query.Statuses is { } statuses)
            {
                orders = orders.Where(o => statuses.Contains((string)o["status"]!));
            }

            if (query.ModifiedAfter is { } modifiedAfter)
            {
                orders = orders.Where(o => DateOf(o, "date_modified_gmt") > modifiedAfter);
            }

            if (query.ModifiedBefore is { } modifiedBefore)
            {
                orders = orders.Where(o => DateOf(o, "date_modified_gmt") < modifiedBefore);
            }

            if (query.After is { } after)
            {
                orders = orders.Where(o => DateOf(o, "date_created_gmt") > after);
            }

            if (query.Before is { } before)
            {
                orders = orders.Where(o => DateOf(o, "date_created_gmt") < before);
            }

            if (!string.IsNullOrEmpty(query.Search))
            {
                orders = orders.Where(o => Matches(o, query.Search));
            }

            Func<JsonObject, IComparable> key = query.OrderBy switch
            {
                "id" or "include" => o => (int)o["id"]!,
                "modified" => o => DateOf(o, "date_modified_gmt"),
                _ => o => DateOf(o, "date_created_gmt"),
            };
            var sorted = query.Ascending
                ? orders.OrderBy(key).ThenBy(o => (int)o["id"]!)
                : orders.OrderByDescending(key).ThenByDescending(o => (int)o["id"]!);
            return [.. sorted.Select(o => (JsonObject)o.DeepClone())];
        }
    }

    // ---- webhooks --------------------------------------------------------------------------------------------

    public WooWebhook AddWebhook(string topic, Uri deliveryUrl, string secret)
    {
        lock (_gate)
        {
            var webhook = new WooWebhook { Id = _nextSubId++, Topic = topic, DeliveryUrl = deliveryUrl, Secret = secret };
            _webhooks.Add(webhook);
            return webhook;
        }
    }

    public List<WooWebhook> ActiveWebhooks(string topic)
    {
        lock (_gate)
        {
            return [.. _webhooks.Where(w => w.Status == "active" && w.Topic == topic)];
        }
    }

    /// <summary>Records a delivery outcome: WooCommerce disables a webhook after 5 consecutive failures.</summary>
    public void RecordDelivery(WooWebhook webhook, int status)
    {
        lock (_gate)
        {
            webhook.FailureCount = status is >= 200 and < 300 ? 0 : webhook.FailureCount + 1;
            if (webhook.FailureCount >= 5)
            {
                webhook.Status = "disabled";
            }
        }
    }

    public string WebhookStatus(int id)
    {
        lock (_gate)
        {
            return _webhooks.First(w => w.Id == id).Status;
        }
    }

    // ---- rules -----------------------------------------------------------------------------------------------

    private JsonObject Change(int id, Action<JsonObject> change)
    {
        JsonObject changed;
        lock (_gate)
        {
            if (!_orders.TryGetValue(id, out var order))
            {
                throw WooCommerceError.NotFound();
            }

            var previousStatus = (string)order["status"]!;
            change(order);
            SetDate(order, "date_modified", options.TimeProvider.GetUtcNow());
            if ((string)order["status"]! == "completed" && order["date_completed"] is null)
            {
                SetDate(order, "date_completed", options.TimeProvider.GetUtcNow());
            }

            ApplyStockRules(order, previousStatus);
            changed = (JsonObject)order.DeepClone();
        }

        OrderChanged?.Invoke("order.updated", (JsonObject)changed.DeepClone());
        return changed;
    }

    private string ValidStatus(JsonNode? status)
    {
        var value = status?.GetValueKind() == JsonValueKind.String ? (string)status! : null;
        return value is not null && _statuses.Contains(value)
            ? value
            : throw WooCommerceError.InvalidParam("status", $"status is not one of {string.Join(", ", _statuses)}.");
    }

    /// <summary><c>payment_complete()</c>: marks the order paid and moves it on from the statuses awaiting payment.</summary>
    private void PaymentComplete(JsonObject order, DateTimeOffset now)
    {
        SetDate(order, "date_paid", now);
        if ((string)order["status"]! is "pending" or "on-hold" or "failed")
        {
            order["status"] = "processing";
        }
    }

    /// <summary>WooCommerce core's stock hooks: items leave stock once when an order enters processing, completed or
    /// on-hold, and come back when it is cancelled or set back to pending.</summary>
    private void ApplyStockRules(JsonObject order, string? previousStatus)
    {
        var id = (int)order["id"]!;
        var status = (string)order["status"]!;
        if (status == previousStatus)
        {
            return;
        }

        var sign = 0;
        if (StockReducingStatuses.Contains(status) && _stockReduced.Add(id))
        {
            sign = -1;
        }
        else if (RestockingStatuses.Contains(status) && _stockReduced.Remove(id))
        {
            sign = 1;
        }

        foreach (var item in ((JsonArray)order["line_items"]!).OfType<JsonObject>())
        {
            var productId = (int)item["variation_id"]! is > 0 and var variation ? variation : (int)item["product_id"]!;
            if (_products.FirstOrDefault(p => p.Id == productId) is { ManageStock: true } product)
            {
                product.StockQuantity += sign * (int)item["quantity"]!;
            }
        }
    }

    private JsonArray LineItems(JsonNode? node)
    {
        var items = new JsonArray();
        if (node is null)
        {
            return items;
        }

        if (node is not JsonArray array)
        {
            throw WooCommerceError.InvalidParam("line_items", "line_items is not of type array.");
        }

        foreach (var entry in array)
        {
            if (entry is not JsonObject line || line["product_id"]?.GetValueKind() != JsonValueKind.Number)
            {
                throw WooCommerceError.InvalidParam("line_items", "line_items[].product_id is not of type integer.");
            }

            var productId = (int)line["product_id"]!;
            var variationId = line["variation_id"]?.GetValueKind() == JsonValueKind.Number ? (int)line["variation_id"]! : 0;
            var product = _products.FirstOrDefault(p => p.Id == (variationId > 0 ? variationId : productId) && (variationId == 0 || p.ParentId == productId))
                ?? throw new WooCommerceError(400, "woocommerce_rest_invalid_product_id", $"Product ID {productId} is invalid.");
            var quantity = line["quantity"]?.GetValueKind() == JsonValueKind.Number ? (int)line["quantity"]! : 1;
            if (quantity < 1)
            {
                throw WooCommerceError.InvalidParam("line_items", "line_items[].quantity must be at least 1.");
            }

            var total = Money(line, "total") ?? product.Price * quantity;
            items.Add(new JsonObject
            {
                ["id"] = _nextSubId++,
                ["name"] = product.Name,
                ["product_id"] = product.ParentId == 0 ? product.Id : product.ParentId,
                ["variation_id"] = product.ParentId == 0 ? 0 : product.Id,
                ["quantity"] = quantity,
                ["subtotal"] = Format(Money(line, "subtotal") ?? total),
                ["total"] = Format(total),
                ["sku"] = product.Sku,
                ["price"] = (double)(total / quantity),
                ["meta_data"] = new JsonArray(),
            });
        }

        return items;
    }

    private JsonArray ShippingLines(JsonNode? node)
    {
        var lines = new JsonArray();
        foreach (var line in (node as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            lines.Add(new JsonObject
            {
                ["id"] = _nextSubId++,
                ["method_id"] = String(line, "method_id") ?? "",
                ["method_title"] = String(line, "method_title") ?? "",
                ["total"] = Format(Money(line, "total") ?? 0m),
            });
        }

        return lines;
    }

    /// <summary>WooCommerce's meta_data update: an entry with an id changes that entry; one with only a key replaces
    /// the first entry with that key, or is added.</summary>
    private void MergeMeta(JsonObject order, JsonNode? node)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray entries)
        {
            throw WooCommerceError.InvalidParam("meta_data", "meta_data is not of type array.");
        }

        var meta = (JsonArray)order["meta_data"]!;
        foreach (var entry in entries.OfType<JsonObject>())
        {
            var key = String(entry, "key") ?? throw WooCommerceError.InvalidParam("meta_data", "meta_data[].key is required.");
            var existing = entry["id"] is { } id
                ? meta.OfType<JsonObject>().FirstOrDefault(m => (int)m["id"]! == (int)id)
                : meta.OfType<JsonObject>().FirstOrDefault(m => (string?)m["key"] == key);
            if (existing is null)
            {
                meta.Add(new JsonObject { ["id"] = _nextSubId++, ["key"] = key, ["value"] = entry["value"]?.DeepClone() });
            }
            else
            {
                existing["value"] = entry["value"]?.DeepClone();
            }
        }
    }

    private static void RecalculateTotal(JsonObject order)
    {
        var total = ((JsonArray)order["line_items"]!).OfType<JsonObject>().Sum(i => decimal.Parse((string)i["total"]!, CultureInfo.InvariantCulture))
            + ((JsonArray)order["shipping_lines"]!).OfType<JsonObject>().Sum(l => decimal.Parse((string)l["total"]!, CultureInfo.InvariantCulture));
        order["total"] = Format(total);
    }

    /// <summary>WooCommerce's order search: the order id, item names (products, shipping and fee lines), and the
    /// billing and shipping address index (names, company, address, city, postcode, email, phone).</summary>
    private static bool Matches(JsonObject order, string term)
    {
        if (int.TryParse(term, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && (int)order["id"]! == id)
        {
            return true;
        }

        var haystack = new List<string?>();
        haystack.AddRange(((JsonArray)order["line_items"]!).OfType<JsonObject>().Select(i => (string?)i["name"]));
        haystack.AddRange(((JsonArray)order["shipping_lines"]!).OfType<JsonObject>().Select(l => (string?)l["method_title"]));
        foreach (var address in new[] { order["billing"], order["shipping"] }.OfType<JsonObject>())
        {
            haystack.AddRange(address.Select(p => p.Value?.GetValueKind() == JsonValueKind.String ? (string?)p.Value : null));
        }

        return haystack.Any(text => text?.Contains(term, StringComparison.OrdinalIgnoreCase) == true);
    }

    private static JsonObject Address(JsonNode? node, bool withEmail)
    {
        var address = new JsonObject();
        var fields = new List<string> { "first_name", "last_name", "company", "address_1", "address_2", "city", "state", "postcode", "country", "phone" };
        if (withEmail)
        {
            fields.Add("email");
        }

        foreach (var field in fields)
        {
            address[field] = (node as JsonObject) is { } source ? String(source, field) ?? "" : "";
        }

        return address;
    }

    private void SetDate(JsonObject order, string field, DateTimeOffset utc)
    {
        order[field] = utc.ToOffset(options.SiteUtcOffset).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        order[field + "_gmt"] = utc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset DateOf(JsonObject order, string gmtField) =>
        DateTimeOffset.TryParse((string?)order[gmtField], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value : DateTimeOffset.MinValue;

    private WooProduct? FindProduct(string sku) => _products.FirstOrDefault(p => string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase));

    private static string? String(JsonObject source, string field) =>
        source[field] is { } value && value.GetValueKind() == JsonValueKind.String ? (string)value! : null;

    private static decimal? Money(JsonObject source, string field) =>
        String(source, field) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Format(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>The list filters of <c>GET /orders</c>, already parsed (dates in UTC).</summary>
internal sealed record OrderQuery(
    IReadOnlyCollection<string>? Statuses,
    DateTimeOffset? ModifiedAfter,
    DateTimeOffset? ModifiedBefore,
    DateTimeOffset? After,
    DateTimeOffset? Before,
    string? Search,
    string OrderBy,
    bool Ascending);

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OrderFunctions.Sandbox.Common;

namespace OrderFunctions.Sandbox.WooCommerce;

/// <summary>One Shipment Tracking item as the extension stores it in <c>_wc_shipment_tracking_items</c>.</summary>
public sealed record ShipmentTrackingItem(string TrackingNumber, string? Provider, string? CustomProvider = null, string? CustomLink = null);

/// <summary>An order as the simulator holds it: its id, status, meta values and the whole JSON the API returns.</summary>
public sealed record WooOrderSnapshot(int Id, string Status, IReadOnlyDictionary<string, JsonNode?> Meta, JsonObject Json)
{
    internal static WooOrderSnapshot From(JsonObject order)
    {
        var meta = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var entry in (order["meta_data"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (entry["key"]?.ToString() is { } key)
            {
                meta.TryAdd(key, entry["value"]);
            }
        }

        return new((int)order["id"]!, order["status"]?.ToString() ?? "", meta, order);
    }
}

/// <summary>
/// A local WooCommerce (REST API v3) written from ../shared/reference section C, for the connector's contract tests
/// and the demo: orders with meta_data and custom statuses, products and stock with WooCommerce's stock rules, the
/// Shipment Tracking extension's meta, paging headers, consumer key/secret auth, signed webhooks, and fault knobs
/// (<see cref="Faults"/>, <see cref="LoseNextCreateResponses"/>, <see cref="IgnorePerPage"/>).
/// </summary>
public sealed class WooCommerceSimulator : IAsyncDisposable
{
    private const int MaxRecorded = 10_000;

    private SimulatorHost _host = null!;
    private readonly WebhookDispatcher _webhooks = new();
    private readonly Lock _gate = new();
    private readonly List<string> _requests = [];
    private int _lostCreatesLeft;
    private HttpStatusCode? _lostCreateAnswer;
    private int _rejectedCreatesLeft;
    private HttpStatusCode _rejectedCreateStatus;
    private int _deliveryId;

    private WooCommerceSimulator(WooCommerceSimulatorOptions options)
    {
        Options = options;
        Store = new WooCommerceStore(options);
        Store.OrderChanged += Deliver;
    }

    public WooCommerceSimulatorOptions Options { get; }

    /// <summary>The site URL, e.g. <c>http://127.0.0.1:52011/</c>; the API is under <c>wp-json/wc/v3/</c>.</summary>
    public Uri BaseUri => _host.BaseUri;

    public FaultInjector Faults => _host.Faults;

    /// <summary>Serve every matching order on one page, ignoring <c>per_page</c> (a misbehaving plugin or proxy).</summary>
    public bool IgnorePerPage { get; set; }

    /// <summary>How many orders have been created through the API or <see cref="CreateOrderDirectly"/>.</summary>
    public int OrdersCreated => Store.OrdersCreated;

    public IReadOnlyList<WebhookDelivery> WebhookDeliveries => _webhooks.Delivered;

    /// <summary>Every API request that reached the shop (past the fault knobs), as "METHOD /path" without the query.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    internal WooCommerceStore Store { get; }

    internal bool CredentialsValid { get; private set; } = true;

    public static async Task<WooCommerceSimulator> StartAsync(WooCommerceSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var simulator = new WooCommerceSimulator(options ?? new WooCommerceSimulatorOptions());
        simulator._host = await SimulatorHost.StartAsync(
            "woocommerce",
            simulator.Options.Port,
            _ => { },
            app => WooCommerceRestApi.Map(app, simulator),
            cancellationToken);
        return simulator;
    }

    // ---- catalogue ---------------------------------------------------------------------------------------------

    /// <summary>Adds a product (or, with <paramref name="parentSku"/>, a variation); null stock = stock not managed.</summary>
    public int AddProduct(string sku, string name, decimal price, int? stock, string? parentSku = null) =>
        Store.AddProduct(sku, name, price, stock, parentSku);

    public int? GetStock(string sku) => Store.GetStock(sku);

    public void SetStock(string sku, int? quantity) => Store.SetStock(sku, quantity);

    // ---- orders ------------------------------------------------------------------------------------------------

    public IReadOnlyList<WooOrderSnapshot> Orders => [.. Store.AllOrders().Select(WooOrderSnapshot.From)];

    public WooOrderSnapshot? GetOrder(int id) => Store.GetOrder(id) is { } order ? WooOrderSnapshot.From(order) : null;

    /// <summary>How many orders carry meta <paramref name="metaKey"/> = <paramref name="value"/> (duplicates show as &gt; 1).</summary>
    public int CountOrders(string metaKey, string value) =>
        Orders.Count(o => o.Meta.TryGetValue(metaKey, out var v) && v?.ToString() == value);

    /// <summary>Creates an order as if someone used the shop (not through the hub), with the same rules as the API.</summary>
    public int CreateOrderDirectly(JsonObject request) => (int)Store.CreateOrder(request)["id"]!;

    /// <summary>Registers a plugin status (e.g. <c>shipped</c>) so orders can be set to it.</summary>
    public void RegisterStatus(string slug) => Store.RegisterStatus(slug);

    public void SetStatus(int orderId, string status) => Store.SetStatus(orderId, status);

    /// <summary>The merchant completes the order, optionally adding a tracking item first (Shipment Tracking).</summary>
    public void Complete(int orderId, ShipmentTrackingItem? tracking = null)
    {
        if (tracking is not null)
        {
            AddTracking(orderId, tracking);
        }

        Store.SetStatus(orderId, "completed");
    }

    /// <summary>Adds a tracking item the way the Shipment Tracking extension does (also after completion).</summary>
    public void AddTracking(int orderId, ShipmentTrackingItem tracking)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        Store.AddShipmentTracking(orderId, new JsonObject
        {
            ["tracking_provider"] = tracking.Provider ?? "",
            ["custom_tracking_provider"] = tracking.CustomProvider ?? "",
            ["custom_tracking_link"] = tracking.CustomLink ?? "",
            ["tracking_number"] = tracking.TrackingNumber,
            ["date_shipped"] = Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Tracking the way very old Shipment Tracking versions stored it: separate meta keys.</summary>
    public void AddLegacyTracking(int orderId, string provider, string trackingNumber)
    {
        Store.SetMeta(orderId, "_tracking_provider", provider);
        Store.SetMeta(orderId, "_tracking_number", trackingNumber);
    }

    /// <summary>The merchant cancels the order (stock comes back if it had been taken).</summary>
    public void Cancel(int orderId) => Store.SetStatus(orderId, "cancelled");

    /// <summary>Changes the stored JSON of an order directly, to serve a malformed payload.</summary>
    public void EditRawOrder(int orderId, Action<JsonObject> edit) => Store.EditRaw(orderId, edit);

    // ---- faults and auth ---------------------------------------------------------------------------------------

    /// <summary>The next <paramref name="count"/> creates are stored, but their response is lost: the connection
    /// drops (<paramref name="answerInstead"/> null) or a proxy answers with that status.</summary>
    public void LoseNextCreateResponses(int count, HttpStatusCode? answerInstead = null)
    {
        lock (_gate)
        {
            _lostCreatesLeft = count;
            _lostCreateAnswer = answerInstead;
        }
    }

    /// <summary>The next <paramref name="count"/> creates fail with <paramref name="status"/> before anything is stored
    /// (other requests are not affected).</summary>
    public void RejectNextCreates(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _rejectedCreatesLeft = count;
            _rejectedCreateStatus = status;
        }
    }

    /// <summary>The API key is revoked: every request now gets 401.</summary>
    public void RevokeCredentials() => CredentialsValid = false;

    internal void RecordRequest(string method, string path)
    {
        lock (_gate)
        {
            // Bounded: a demo run lasts long; tests look at the recent past.
            if (_requests.Count == MaxRecorded)
            {
                _requests.RemoveAt(0);
            }

            _requests.Add($"{method} {path}");
        }
    }

    internal HttpStatusCode? TakeRejectedCreate()
    {
        lock (_gate)
        {
            if (_rejectedCreatesLeft <= 0)
            {
                return null;
            }

            _rejectedCreatesLeft--;
            return _rejectedCreateStatus;
        }
    }

    internal WooCommerceRestApi.LostResponse? TakeLostCreateResponse()
    {
        lock (_gate)
        {
            if (_lostCreatesLeft <= 0)
            {
                return null;
            }

            _lostCreatesLeft--;
            return new(_lostCreateAnswer);
        }
    }

    // ---- webhooks ----------------------------------------------------------------------------------------------

    /// <summary>Registers a webhook (like <c>POST /webhooks</c>); returns its id.</summary>
    public int AddWebhook(string topic, Uri deliveryUrl, string secret) => Store.AddWebhook(topic, deliveryUrl, secret).Id;

    /// <summary><c>active</c>, or <c>disabled</c> after 5 failed deliveries in a row.</summary>
    public string WebhookStatus(int webhookId) => Store.WebhookStatus(webhookId);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _webhooks.DisposeAsync();
    }

    /// <summary>POSTs the order JSON to every active webhook of the topic, signed as WooCommerce signs it:
    /// base64(HMAC-SHA256(secret, raw body)).</summary>
    private void Deliver(string topic, JsonObject order)
    {
        foreach (var webhook in Store.ActiveWebhooks(topic))
        {
            var body = Encoding.UTF8.GetBytes(order.ToJsonString());
            var deliveryId = Interlocked.Increment(ref _deliveryId).ToString(CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>
            {
                ["X-WC-Webhook-Source"] = BaseUri.AbsoluteUri,
                ["X-WC-Webhook-Topic"] = topic,
                ["X-WC-Webhook-Resource"] = "order",
                ["X-WC-Webhook-Event"] = topic.Split('.')[1],
                ["X-WC-Webhook-ID"] = webhook.Id.ToString(CultureInfo.InvariantCulture),
                ["X-WC-Webhook-Delivery-ID"] = deliveryId,
                ["X-WC-Webhook-Signature"] = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.Secret), body)),
            };
            _webhooks.Enqueue(webhook.DeliveryUrl, topic, deliveryId, body, headers, status => Store.RecordDelivery(webhook, status));
        }
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrderFunctions.Sandbox.Common;
using OrderFunctions.Sandbox.Shopify.GraphQL;

namespace OrderFunctions.Sandbox.Shopify;

/// <summary>One tracking entry of a fulfilment.</summary>
public sealed record ShopifyTracking(string? Company, string? Number, string? Url = null);

/// <summary>An order as the simulated shop holds it.</summary>
public sealed record ShopifyOrderSnapshot(
    string Id,
    string Name,
    string? SourceIdentifier,
    string? SourceName,
    IReadOnlyList<string> Tags,
    string FinancialStatus,
    string FulfillmentStatus,
    bool Closed,
    bool Cancelled,
    IReadOnlyList<ShopifyTracking> Tracking);

/// <summary>
/// A local Shopify Admin GraphQL API written from ../shared/reference section D: <c>X-Shopify-Access-Token</c> auth,
/// versioned endpoint (<c>/admin/api/{version}/graphql.json</c>, retired versions fall forward), a small honest GraphQL
/// interpreter for the operations the reference lists, cost-based throttling with a leaky bucket and
/// <c>extensions.cost</c>, userErrors for bad input, webhooks signed with the app's client secret, and fault knobs.
/// </summary>
public sealed partial class ShopifySimulator : IAsyncDisposable
{
    private const int MaxRecorded = 10_000;

    private static readonly object Root = new();

    private readonly ShopifyStore _store;
    private readonly GqlExecutor _executor;
    private readonly LeakyBucket _bucket;
    private readonly WebhookDispatcher _webhooks = new();
    private readonly Lock _gate = new();
    private readonly List<string> _operations = [];
    private readonly List<(string Topic, Uri Url)> _subscriptions = [];
    private SimulatorHost _host = null!;
    private int _lostCreatesLeft;
    private HttpStatusCode? _lostCreateAnswer;
    private int _rejectedCreatesLeft;
    private HttpStatusCode _rejectedCreateStatus;
    private Action<JsonObject>? _rewrite;
    private bool _tokenRevoked;
    private int _throttled;

    private ShopifySimulator(ShopifySimulatorOptions options)
    {
        Options = options;
        _store = new ShopifyStore(options);
        _executor = new GqlExecutor(ShopifyAdminSchema.Build(_store, this));
        _bucket = new LeakyBucket(options.BucketSize, options.RestoreRate, options.TimeProvider);
        _store.OrderChanged += Deliver;
    }

    public ShopifySimulatorOptions Options { get; }

    /// <summary>The shop's address, e.g. <c>http://127.0.0.1:52011/</c> (the API is under <c>admin/api/{version}/</c>).</summary>
    public Uri BaseUri => _host.BaseUri;

    public FaultInjector Faults => _host.Faults;

    /// <summary>Serve every item of a connection on one page, ignoring <c>first</c>.</summary>
    public bool IgnorePageSize { get; set; }

    public int OrdersCreated
    {
        get
        {
            lock (_store.Gate)
            {
                return _store.OrdersCreated;
            }
        }
    }

    /// <summary>How many requests were refused with THROTTLED.</summary>
    public int ThrottledResponses => Volatile.Read(ref _throttled);

    /// <summary>The root fields of every operation executed, e.g. <c>mutation orderCreate</c>, in order.</summary>
    public IReadOnlyList<string> Operations
    {
        get
        {
            lock (_gate)
            {
                return [.. _operations];
            }
        }
    }

    public IReadOnlyList<WebhookDelivery> WebhookDeliveries => _webhooks.Delivered;

    public static async Task<ShopifySimulator> StartAsync(ShopifySimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var simulator = new ShopifySimulator(options ?? new ShopifySimulatorOptions());
        simulator._host = await SimulatorHost.StartAsync(
            "shopify",
            simulator.Options.Port,
            _ => { },
            app => app.MapPost("/admin/api/{version}/graphql.json", (HttpContext context, string version) => simulator.HandleAsync(context, version)),
            cancellationToken);
        return simulator;
    }

    // ---- catalogue ---------------------------------------------------------------------------------------------

    /// <summary>Adds a product variant; null <paramref name="available"/> = inventory not tracked.</summary>
    public string AddVariant(string sku, string title, decimal price, int? available) =>
        Gid.Of("ProductVariant", _store.AddVariant(sku, title, price, available).Id);

    public int? GetAvailable(string sku) => _store.Available(sku);

    public void SetAvailable(string sku, int? quantity) => _store.SetAvailable(sku, quantity);

    // ---- orders ------------------------------------------------------------------------------------------------

    public IReadOnlyList<ShopifyOrderSnapshot> Orders
    {
        get
        {
            lock (_store.Gate)
            {
                return [.. _store.AllOrders().Select(Snapshot)];
            }
        }
    }

    public ShopifyOrderSnapshot? GetOrder(string id) => Orders.FirstOrDefault(o => o.Id == id);

    /// <summary>How many orders carry this sourceIdentifier (duplicates show as &gt; 1).</summary>
    public int CountOrders(string sourceIdentifier) => Orders.Count(o => o.SourceIdentifier == sourceIdentifier);

    /// <summary>Creates an order as if it came from the storefront (not the hub).</summary>
    public string CreateOrderDirectly(string sku, int quantity = 1, string? sourceIdentifier = null)
    {
        lock (_store.Gate)
        {
            var variant = _store.Variant(sku) ?? throw new InvalidOperationException($"No variant with SKU '{sku}'.");
            var input = new JsonObject
            {
                ["sourceIdentifier"] = sourceIdentifier,
                ["financialStatus"] = "PAID",
                ["lineItems"] = new JsonArray(new JsonObject { ["variantId"] = Gid.Of("ProductVariant", variant.Id), ["quantity"] = quantity }),
            };
            var (order, errors) = _store.CreateOrder(input, null);
            return order?.Gid ?? throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
        }
    }

    /// <summary>The merchant ships everything left, or only <paramref name="quantities"/> (by SKU), optionally with
    /// tracking (fulfillmentCreate).</summary>
    public void Fulfill(string orderId, ShopifyTracking? tracking = null, IReadOnlyDictionary<string, int>? quantities = null)
    {
        lock (_store.Gate)
        {
            var order = _store.Order(Gid.Parse(orderId, "Order")) ?? throw new KeyNotFoundException(orderId);
            var group = new JsonObject { ["fulfillmentOrderId"] = Gid.Of("FulfillmentOrder", order.FulfillmentOrder.Id) };
            if (quantities is not null)
            {
                group["fulfillmentOrderLineItems"] = new JsonArray([.. order.LineItems
                    .Where(l => l.Sku is not null && quantities.ContainsKey(l.Sku))
                    .Select(l => (JsonNode)new JsonObject { ["id"] = Gid.Of("FulfillmentOrderLineItem", l.Id), ["quantity"] = quantities[l.Sku!] })]);
            }

            var input = new JsonObject { ["lineItemsByFulfillmentOrder"] = new JsonArray(group) };
            if (tracking is not null)
            {
                input["trackingInfo"] = new JsonObject { ["company"] = tracking.Company, ["number"] = tracking.Number, ["url"] = tracking.Url };
            }

            var (_, errors) = _store.CreateFulfillment(input);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
            }
        }
    }

    /// <summary>Tracking added after the fulfilment (fulfillmentTrackingInfoUpdate).</summary>
    public void AddTracking(string orderId, ShopifyTracking tracking)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        _store.AddTracking(Gid.Parse(orderId, "Order"), new ShopifyTrackingInfo(tracking.Company, tracking.Number, tracking.Url));
    }

    /// <summary>The merchant cancels the order (the job completes after <see cref="ShopifySimulatorOptions.CancelJobDuration"/>).</summary>
    public void Cancel(string orderId, bool restock = true)
    {
        lock (_store.Gate)
        {
            var (_, errors) = _store.Cancel(Gid.Parse(orderId, "Order"), "CUSTOMER", restock);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
            }
        }
    }

    public void Close(string orderId)
    {
        lock (_store.Gate)
        {
            _store.SetClosed(Gid.Parse(orderId, "Order"), closed: true);
        }
    }

    public void HoldFulfillment(string orderId) => _store.HoldFulfillment(Gid.Parse(orderId, "Order"));

    public void SetFinancialStatus(string orderId, string status) => _store.SetFinancialStatus(Gid.Parse(orderId, "Order"), status);

    // ---- faults and auth ---------------------------------------------------------------------------------------

    /// <summary>The next <paramref name="count"/> orderCreate mutations are executed, but their response is lost: the
    /// connection drops (<paramref name="answerInstead"/> null) or a proxy answers with that status.</summary>
    public void LoseNextCreateResponses(int count, HttpStatusCode? answerInstead = null)
    {
        lock (_gate)
        {
            _lostCreatesLeft = count;
            _lostCreateAnswer = answerInstead;
        }
    }

    /// <summary>The next <paramref name="count"/> orderCreate mutations fail with <paramref name="status"/> before anything
    /// is stored (other operations are not affected).</summary>
    public void RejectNextCreates(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _rejectedCreatesLeft = count;
            _rejectedCreateStatus = status;
        }
    }

    /// <summary>Empties the cost bucket (another app on the shop used it up); it refills at the restore rate.</summary>
    public void DrainCostBucket() => _bucket.Drain();

    /// <summary>Every GraphQL response body passes through <paramref name="edit"/> before it is sent (null = stop):
    /// for serving malformed payloads.</summary>
    public void RewriteResponses(Action<JsonObject>? edit)
    {
        lock (_gate)
        {
            _rewrite = edit;
        }
    }

    /// <summary>The access token is revoked (app uninstalled, token rotated): every request gets 401.</summary>
    public void RevokeToken() => _tokenRevoked = true;

    /// <summary>Registers a webhook subscription; deliveries are signed with the client secret.</summary>
    public void AddWebhook(string topic, Uri url)
    {
        lock (_gate)
        {
            _subscriptions.Add((topic, url));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _webhooks.DisposeAsync();
    }

    // ---- the endpoint ------------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context, string version)
    {
        _store.ProcessDueJobs();
        if (context.Request.Headers["X-Shopify-Access-Token"].ToString() != Options.AccessToken || _tokenRevoked)
        {
            await WriteAsync(context, 401, new JsonObject { ["errors"] = "[API] Invalid API key or access token (unrecognized login or wrong password)" });
            return;
        }

        if (ResolveVersion(version) is not { } servedVersion)
        {
            await WriteAsync(context, 404, new JsonObject { ["errors"] = "Not Found" });
            return;
        }

        context.Response.Headers["X-Shopify-API-Version"] = servedVersion;
        JsonObject? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request?["query"] is not JsonValue query || query.GetValueKind() != JsonValueKind.String)
        {
            await WriteAsync(context, 400, new JsonObject { ["errors"] = new JsonObject { ["query"] = "Required parameter missing or invalid" } });
            return;
        }

        if (IsCreate((string)query!) && TakeRejectedCreate() is { } rejected)
        {
            await WriteAsync(context, (int)rejected, new JsonObject { ["errors"] = "Internal error. Looks like something went wrong on our end." });
            return;
        }

        var (response, executedCreate) = Run((string)query!, request["variables"] as JsonObject);
        if (executedCreate && TakeLostCreateResponse() is { } lost)
        {
            if (lost.Answer is { } status)
            {
                await WriteAsync(context, (int)status, new JsonObject { ["errors"] = "Internal error. Looks like something went wrong on our end." });
            }
            else
            {
                context.Abort();
            }

            return;
        }

        lock (_gate)
        {
            _rewrite?.Invoke(response);
        }

        await WriteAsync(context, 200, response);
    }

    /// <summary>Validates, charges the cost bucket (or refuses with THROTTLED), executes.</summary>
    private (JsonObject Response, bool ExecutedCreate) Run(string query, JsonObject? variables)
    {
        lock (_store.Gate)
        {
            GqlPreparedOperation prepared;
            try
            {
                prepared = _executor.Prepare(query, variables);
            }
            catch (GqlException e)
            {
                return (new JsonObject { ["errors"] = new JsonArray(GqlExecutor.Error(e.Message, e.Code)) }, false);
            }

            var requested = prepared.RequestedCost;
            if (requested > 1000)
            {
                var error = GqlExecutor.Error($"Query cost is {requested}, which exceeds the single query max cost limit (1000).", "MAX_COST_EXCEEDED");
                return (new JsonObject { ["errors"] = new JsonArray(error), ["extensions"] = Cost(requested, null) }, false);
            }

            if (!_bucket.TryTake(requested))
            {
                Interlocked.Increment(ref _throttled);
                var error = new JsonObject
                {
                    ["message"] = "Throttled",
                    ["extensions"] = new JsonObject { ["code"] = "THROTTLED", ["documentation"] = "https://shopify.dev/api/usage/rate-limits" },
                };
                return (new JsonObject { ["errors"] = new JsonArray(error), ["extensions"] = Cost(requested, null) }, false);
            }

            lock (_gate)
            {
                // Bounded: a demo run lasts long; tests look at the recent past.
                _operations.AddRange(prepared.Operation.Selections.Select(f => $"{prepared.Operation.Type} {f.Name}"));
                if (_operations.Count > MaxRecorded)
                {
                    _operations.RemoveRange(0, _operations.Count - MaxRecorded);
                }
            }

            var result = _executor.Execute(prepared, Root);
            var actual = Math.Min(result.ActualCost, requested);
            _bucket.Return(requested - actual);
            var response = new JsonObject { ["data"] = result.Data };
            if (result.Errors.Count > 0)
            {
                response["errors"] = result.Errors;
            }

            response["extensions"] = Cost(requested, actual);
            return (response, prepared.IsMutation && prepared.Operation.Selections.Any(f => f.Name == "orderCreate"));
        }
    }

    private JsonObject Cost(int requested, int? actual) => new()
    {
        ["cost"] = new JsonObject
        {
            ["requestedQueryCost"] = requested,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new JsonObject
            {
                ["maximumAvailable"] = (double)_bucket.Maximum,
                ["currentlyAvailable"] = (int)_bucket.Available,
                ["restoreRate"] = (double)_bucket.RestoreRate,
            },
        },
    };

    /// <summary>A supported version as asked; an older, retired one falls forward to the oldest supported;
    /// <c>unstable</c> is the newest; anything else is not an API version.</summary>
    private string? ResolveVersion(string version)
    {
        var supported = Options.SupportedApiVersions;
        if (version == "unstable" || supported.Contains(version))
        {
            return version;
        }

        return VersionPattern().IsMatch(version) && string.CompareOrdinal(version, supported[0]) < 0 ? supported[0] : null;
    }

    /// <summary>Whether a document is an orderCreate mutation (for the create fault knobs; a parse error is not).</summary>
    private static bool IsCreate(string query)
    {
        try
        {
            var operation = GqlParser.Parse(query);
            return operation.Type == "mutation" && operation.Selections.Any(f => f.Name == "orderCreate");
        }
        catch (GqlException)
        {
            return false;
        }
    }

    private HttpStatusCode? TakeRejectedCreate()
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

    private LostResponse? TakeLostCreateResponse()
    {
        lock (_gate)
        {
            if (_lostCreatesLeft <= 0)
            {
                return null;
            }

            _lostCreatesLeft--;
            return new LostResponse(_lostCreateAnswer);
        }
    }

    /// <summary>Posts the order to every subscription of the topic as Shopify does: REST-shaped JSON, signed with
    /// base64(HMAC-SHA256(client secret, raw body)), with topic, shop, webhook id and API version headers.</summary>
    private void Deliver(string topic, ShopifyOrder order)
    {
        List<Uri> urls;
        lock (_gate)
        {
            urls = [.. _subscriptions.Where(s => s.Topic == topic).Select(s => s.Url)];
        }

        if (urls.Count == 0)
        {
            return;
        }

        var body = Encoding.UTF8.GetBytes(WebhookPayload(order).ToJsonString());
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.ClientSecret), body));
        foreach (var url in urls)
        {
            var webhookId = Guid.NewGuid().ToString();
            _webhooks.Enqueue(url, topic, webhookId, body, new Dictionary<string, string>
            {
                ["X-Shopify-Topic"] = topic,
                ["X-Shopify-Hmac-Sha256"] = signature,
                ["X-Shopify-Shop-Domain"] = Options.ShopDomain,
                ["X-Shopify-Webhook-Id"] = webhookId,
                ["X-Shopify-Event-Id"] = Guid.NewGuid().ToString(),
                ["X-Shopify-API-Version"] = Options.SupportedApiVersions[^1],
                ["X-Shopify-Triggered-At"] = Options.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            });
        }
    }

    private static JsonObject WebhookPayload(ShopifyOrder order) => new()
    {
        ["id"] = order.Id,
        ["admin_graphql_api_id"] = order.Gid,
        ["name"] = order.Name,
        ["source_identifier"] = order.SourceIdentifier,
        ["source_name"] = order.SourceName,
        ["tags"] = string.Join(", ", order.Tags),
        ["updated_at"] = order.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        ["cancelled_at"] = order.CancelledAt?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        ["closed_at"] = order.ClosedAt?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        ["financial_status"] = order.FinancialStatus.ToLowerInvariant(),
        ["fulfillment_status"] = order.DisplayFulfillmentStatus switch { "FULFILLED" => "fulfilled", "PARTIALLY_FULFILLED" => "partial", _ => null },
        ["fulfillments"] = new JsonArray([.. order.Fulfillments.Select(f => (JsonNode)new JsonObject
        {
            ["id"] = f.Id,
            ["status"] = f.Status.ToLowerInvariant(),
            ["tracking_company"] = f.TrackingInfo.FirstOrDefault()?.Company,
            ["tracking_number"] = f.TrackingInfo.FirstOrDefault()?.Number,
            ["tracking_numbers"] = new JsonArray([.. f.TrackingInfo.Select(t => (JsonNode?)t.Number)]),
            ["tracking_url"] = f.TrackingInfo.FirstOrDefault()?.Url,
        })]),
    };

    private static ShopifyOrderSnapshot Snapshot(ShopifyOrder order) => new(
        order.Gid,
        order.Name,
        order.SourceIdentifier,
        order.SourceName,
        [.. order.Tags],
        order.FinancialStatus,
        order.DisplayFulfillmentStatus,
        order.ClosedAt is not null,
        order.CancelledAt is not null,
        [.. order.Fulfillments.SelectMany(f => f.TrackingInfo).Select(t => new ShopifyTracking(t.Company, t.Number, t.Url))]);

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex(@"^\d{4}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    private sealed record LostResponse(HttpStatusCode? Answer);
}

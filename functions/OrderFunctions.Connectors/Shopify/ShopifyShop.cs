using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Shopify;

/// <summary>
/// <see cref="IShop"/> on the Shopify Admin GraphQL API at the version pinned in <see cref="ConnectorAccount.ApiVersion"/>
/// (reference section D; decisions in docs/connectors/shopify.md). The hub's order key is the order's
/// <c>sourceIdentifier</c>; a retried create finds the first order with the <c>source_identifier:</c> search filter.
/// orderCreate is sent once, without HTTP retries; after a failure the shop is searched (for up to a minute, as the
/// search index lags) before anything is sent again.
/// Statuses are the folded strings of <see cref="ShopifyStatuses"/>.
/// </summary>
public sealed class ShopifyShop : IShop
{
    public const string Platform = "shopify";

    /// <summary>How often a cancel job is checked before the connector leaves Shopify to finish it.</summary>
    private const int CancelJobPolls = 10;

    private static readonly TimeSpan CancelJobPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>After a create whose answer was lost, the waits between searches for the order (a minute in all):
    /// Shopify's search index trails creates by seconds.</summary>
    private static readonly TimeSpan[] LostCreateSearchWaits = [.. new[] { 2, 4, 8, 16, 30 }.Select(s => TimeSpan.FromSeconds(s))];

    /// <summary>When the order was still not found: the step's retry must come later than any normal index lag.</summary>
    private static readonly TimeSpan LostCreateRetryAfter = TimeSpan.FromMinutes(2);

    /// <summary>How long an order this connector created is remembered by key (see <see cref="_created"/>).</summary>
    private static readonly TimeSpan RememberCreatedFor = TimeSpan.FromMinutes(15);

    private readonly ShopifyGraphQLClient _graphql;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Orders this connector created (or found after a lost answer), by order key. The search index trails
    /// creates, so a step retried soon after a create (the workflow could not record it) would not find the order by
    /// search and would create it again; these are read by id instead, which is always current. The factory keeps
    /// one connector per integration, so this covers retries in the same process.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string ShopOrderId, DateTimeOffset At)> _created = new(StringComparer.Ordinal);

    public ShopifyShop(ConnectorAccount account, ShopifyCredentials credentials, ConnectorClientOptions options, TimeProvider timeProvider, ILogger<ShopifyShop>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(credentials);
        var version = account.ApiVersion
            ?? throw new ConnectorException(Platform, "shopify: the integration's shop account has no pinned API version (ApiVersion, e.g. '2025-10').", isTransient: false, field: "ApiVersion");
        if (account.BaseUrl.Scheme != Uri.UriSchemeHttps && !account.BaseUrl.IsLoopback)
        {
            throw new ConnectorException(Platform, $"shopify: {account.BaseUrl.Host} must be reached over HTTPS.", isTransient: false, field: "BaseUrl");
        }

        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger<ShopifyShop>.Instance;
        _graphql = new ShopifyGraphQLClient(account.BaseUrl, version, credentials, options, timeProvider, _logger);
    }

    /// <summary>Builds the connector from an integration's shop account and the JSON of its credentials secret.</summary>
    public static ShopifyShop Create(ConnectorAccount account, string credentialsJson, ConnectorClientOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null) =>
        new(account, ShopifyCredentials.Parse(account.SecretName, credentialsJson), options, timeProvider, loggerFactory?.CreateLogger<ShopifyShop>());

    public async Task<ShopOrder> CreateOrderAsync(ShopOrderDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!ShopifyStatuses.Settable.Contains(draft.Status))
        {
            throw StatusNotSettable(draft.OrderKey, draft.Status);
        }

        var order = await FindByOrderKeyAsync(draft.OrderKey, cancellationToken) ?? await CreateOnceAsync(draft, cancellationToken);
        Remember(draft.OrderKey, order.ShopOrderId);

        // A new order starts open; a status map may want it elsewhere. Done for a found order too (while it is still
        // open), so a create whose status change failed is completed by the retry.
        if (order.Status == ShopifyStatuses.Open && draft.Status != ShopifyStatuses.Open)
        {
            await UpdateStatusAsync(order.ShopOrderId, draft.Status, cancellationToken);
            order = await GetOrderAsync(order.ShopOrderId, cancellationToken) ?? order;
        }

        return order;
    }

    public async Task<ShopOrder?> FindByOrderKeyAsync(string orderKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderKey);
        if (_created.TryGetValue(orderKey, out var created) && _time.GetUtcNow() - created.At < RememberCreatedFor
            && await GetOrderAsync(created.ShopOrderId, cancellationToken) is { } remembered)
        {
            return remembered;
        }

        using var result = await _graphql.ExecuteAsync(
            "FindByOrderKey",
            ShopifyOperations.FindByOrderKey,
            new { query = $"source_identifier:{ShopifyGraphQLClient.Quote(orderKey)}" },
            orderKey,
            sendOnce: false,
            cancellationToken);
        var matches = ReadPage(result.Data.Required("orders"), ShopifyOperations.OrdersPerPage)
            .Where(o => string.Equals(o.OrderKey, orderKey, StringComparison.Ordinal))
            .ToList();
        if (matches.Count > 1)
        {
            ShopifyLog.SeveralOrdersForKey(_logger, matches.Count, orderKey, matches[0].ShopOrderId);
        }

        return matches.FirstOrDefault();
    }

    public async Task<ShopOrder?> GetOrderAsync(string shopOrderId, CancellationToken cancellationToken)
    {
        using var result = await _graphql.ExecuteAsync("GetOrder", ShopifyOperations.GetOrder, new { id = OrderGid(shopOrderId) }, shopOrderId, sendOnce: false, cancellationToken);
        return result.Data.Optional("order") is { } order ? ShopifyOrderReader.Read(order) : null;
    }

    public async Task<ShopOrderPage> ListChangedOrdersAsync(DateTimeOffset since, string? pageToken, CancellationToken cancellationToken)
    {
        using var result = await _graphql.ExecuteAsync(
            "ChangedOrders",
            ShopifyOperations.ChangedOrders,
            new { query = $"updated_at:>={ShopifyGraphQLClient.Quote(ShopifyGraphQLClient.IsoUtc(since))}", after = pageToken },
            orderId: null,
            sendOnce: false,
            cancellationToken);
        var connection = result.Data.Required("orders");
        var orders = ReadPage(connection, ShopifyOperations.OrdersPerPage);
        var pageInfo = connection.Required("pageInfo");
        var next = pageInfo.Required("hasNextPage").AsBoolean() ? pageInfo.Required("endCursor").AsNonEmptyString() : null;
        return new ShopOrderPage(orders, next);
    }

    /// <summary>Sets one of <see cref="ShopifyStatuses.Settable"/>: open/closed reopen or archive the order, fulfilled
    /// ships everything left (without tracking), cancelled cancels with restock. Others cannot be set in Shopify.</summary>
    public async Task UpdateStatusAsync(string shopOrderId, string status, CancellationToken cancellationToken)
    {
        if (!ShopifyStatuses.Settable.Contains(status))
        {
            throw StatusNotSettable(shopOrderId, status);
        }

        var current = await GetOrderAsync(shopOrderId, cancellationToken) ?? throw NotFound(shopOrderId);
        if (current.Status == status)
        {
            return;
        }

        switch (status)
        {
            case ShopifyStatuses.Cancelled:
                await CancelOrderAsync(shopOrderId, "Cancelled by OrderFunctions", restock: true, cancellationToken);
                break;
            case ShopifyStatuses.Fulfilled:
                await FulfillRemainingAsync(shopOrderId, cancellationToken);
                break;
            default:
                var (operation, document) = status == ShopifyStatuses.Closed
                    ? ("orderClose", ShopifyOperations.OrderClose)
                    : ("orderOpen", ShopifyOperations.OrderOpen);
                using (var result = await _graphql.ExecuteAsync(operation, document, new { input = new { id = OrderGid(shopOrderId) } }, shopOrderId, sendOnce: false, cancellationToken))
                {
                    ThrowOnUserErrors(operation, result.Data.Required(operation), "userErrors", shopOrderId);
                }

                break;
        }
    }

    /// <summary>orderCancel (reason OTHER, the reason text as staff note, no refund: the marketplace refunds). The cancel
    /// is an asynchronous job; it is awaited for a few seconds, then left to Shopify (it cannot be undone).</summary>
    public async Task CancelOrderAsync(string shopOrderId, string reason, bool restock, CancellationToken cancellationToken)
    {
        var current = await GetOrderAsync(shopOrderId, cancellationToken) ?? throw NotFound(shopOrderId);
        if (current.Status == ShopifyStatuses.Cancelled)
        {
            return;
        }

        string? jobId;
        using (var result = await _graphql.ExecuteAsync(
            "orderCancel",
            ShopifyOperations.OrderCancel,
            new { orderId = OrderGid(shopOrderId), reason = "OTHER", restock, staffNote = reason.Length > 255 ? reason[..255] : reason },
            shopOrderId,
            sendOnce: false,
            cancellationToken))
        {
            var payload = result.Data.Required("orderCancel");
            ThrowOnUserErrors("orderCancel", payload, "orderCancelUserErrors", shopOrderId);
            var job = payload.Optional("job");
            jobId = job is { } j && !j.Required("done").AsBoolean() ? j.Required("id").AsNonEmptyString() : null;
        }

        for (var poll = 1; jobId is not null; poll++)
        {
            if (poll > CancelJobPolls)
            {
                ShopifyLog.CancelStillRunning(_logger, shopOrderId, CancelJobPolls);
                return;
            }

            await Task.Delay(CancelJobPollInterval, _time, cancellationToken);
            using var result = await _graphql.ExecuteAsync("Job", ShopifyOperations.Job, new { id = jobId }, shopOrderId, sendOnce: false, cancellationToken);
            if (result.Data.Optional("job") is not { } job || job.Required("done").AsBoolean())
            {
                jobId = null;
            }
        }
    }

    /// <summary>Available quantity per SKU, summed over the shop's locations; untracked and unknown SKUs are left out.</summary>
    public async Task<IReadOnlyList<StockLevel>> GetStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var variants = await FindVariantsAsync(skus, orderId: null, cancellationToken);
        return [.. skus.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(sku => variants.TryGetValue(sku, out var variant) && variant.Available is { } available ? new StockLevel(sku, available) : null)
            .OfType<StockLevel>()];
    }

    private void Remember(string orderKey, string shopOrderId)
    {
        var now = _time.GetUtcNow();
        _created[orderKey] = (shopOrderId, now);
        foreach (var (key, entry) in _created)
        {
            if (now - entry.At >= RememberCreatedFor)
            {
                _created.TryRemove(key, out _);
            }
        }
    }

    private async Task<ShopOrder> CreateOnceAsync(ShopOrderDraft draft, CancellationToken cancellationToken)
    {
        var variants = await FindVariantsAsync(draft.Source.Lines.Select(l => l.Sku), draft.OrderKey, cancellationToken);
        var variables = ShopifyOrderInput.Build(draft, variants.ToDictionary(v => v.Key, v => v.Value.Id, StringComparer.OrdinalIgnoreCase));
        try
        {
            using var result = await _graphql.ExecuteAsync("orderCreate", ShopifyOperations.OrderCreate, variables, draft.OrderKey, sendOnce: true, cancellationToken);
            var payload = result.Data.Required("orderCreate");
            ThrowOnUserErrors("orderCreate", payload, "userErrors", draft.OrderKey);
            return ShopifyOrderReader.Read(payload.Required("order"));
        }
        catch (ConnectorException e) when (e.IsTransient)
        {
            // Shopify may have created the order before the answer was lost. Its search index trails creates by
            // seconds, so one immediate search would miss it and the step's retry would create a second order: look
            // again while the index catches up.
            var reason = e.HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer";
            if (await FindAfterLostCreateAsync(draft.OrderKey, cancellationToken) is { } stored)
            {
                ShopifyLog.CreateAnswerLost(_logger, draft.OrderKey, reason, stored.ShopOrderId);
                return stored;
            }

            // Not created, or the index is unusually slow: retry the step only once it has surely caught up.
            throw new ConnectorException(
                Platform,
                $"shopify order {draft.OrderKey}: orderCreate failed ({reason}) and no order with this key was found in {LostCreateSearchWaits.Sum(w => w.TotalSeconds)} s of searching; retry after {LostCreateRetryAfter.TotalMinutes} min.",
                isTransient: true,
                httpStatus: e.HttpStatus,
                orderId: draft.OrderKey,
                field: e.Field,
                innerException: e)
            {
                RetryAfter = LostCreateRetryAfter,
            };
        }
    }

    /// <summary>Searches for an order whose create may have been stored although its answer was lost, now and after
    /// each of <see cref="LostCreateSearchWaits"/>.</summary>
    private async Task<ShopOrder?> FindAfterLostCreateAsync(string orderKey, CancellationToken cancellationToken)
    {
        foreach (var wait in LostCreateSearchWaits.Prepend(TimeSpan.Zero))
        {
            await Task.Delay(wait, _time, cancellationToken);
            if (await FindByOrderKeyAsync(orderKey, cancellationToken) is { } order)
            {
                return order;
            }
        }

        return null;
    }

    private async Task FulfillRemainingAsync(string shopOrderId, CancellationToken cancellationToken)
    {
        List<string> open;
        using (var result = await _graphql.ExecuteAsync("FulfillmentOrders", ShopifyOperations.FulfillmentOrders, new { id = OrderGid(shopOrderId) }, shopOrderId, sendOnce: false, cancellationToken))
        {
            var order = result.Data.Optional("order") ?? throw NotFound(shopOrderId);
            open = [.. order.Required("fulfillmentOrders").Required("nodes").Items()
                .Where(n => n.Required("status").AsString() is "OPEN" or "IN_PROGRESS")
                .Select(n => n.Required("id").AsNonEmptyString())];
        }

        if (open.Count == 0)
        {
            return;
        }

        var fulfillment = new
        {
            lineItemsByFulfillmentOrder = open.Select(id => new { fulfillmentOrderId = id }),
            notifyCustomer = false,
        };
        using var created = await _graphql.ExecuteAsync("fulfillmentCreate", ShopifyOperations.FulfillmentCreate, new { fulfillment }, shopOrderId, sendOnce: false, cancellationToken);
        ThrowOnUserErrors("fulfillmentCreate", created.Data.Required("fulfillmentCreate"), "userErrors", shopOrderId);
    }

    /// <summary>Variants by exact SKU (<c>productVariants(query: "sku:… OR sku:…")</c>), keyed case-insensitively.</summary>
    private async Task<Dictionary<string, ShopifyVariant>> FindVariantsAsync(IEnumerable<string> skus, string? orderId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ShopifyVariant>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in skus.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(ShopifyOperations.SkusPerQuery))
        {
            var query = string.Join(" OR ", batch.Select(sku => "sku:" + ShopifyGraphQLClient.Quote(sku)));
            using var result = await _graphql.ExecuteAsync("VariantsBySku", ShopifyOperations.VariantsBySku, new { query }, orderId, sendOnce: false, cancellationToken);
            foreach (var node in result.Data.Required("productVariants").Required("nodes").Items())
            {
                var variant = ShopifyVariant.Read(node);
                if (batch.Contains(variant.Sku, StringComparer.OrdinalIgnoreCase))
                {
                    found.TryAdd(variant.Sku, variant);
                }
            }
        }

        return found;
    }

    private static List<ShopOrder> ReadPage(PayloadReader connection, int pageSize)
    {
        var nodes = connection.Required("nodes");
        var items = nodes.Items().ToList();
        if (items.Count > pageSize)
        {
            throw nodes.Error(nodes.Path, $"holds {items.Count} orders, more than the {pageSize} asked for");
        }

        return [.. items.Select(ShopifyOrderReader.Read)];
    }

    /// <summary>userErrors are the shop refusing the input: not transient, and named by their field path.</summary>
    private static void ThrowOnUserErrors(string operation, PayloadReader payload, string errorsField, string orderId)
    {
        var errors = payload.Required(errorsField).Items().ToList();
        if (errors.Count == 0)
        {
            return;
        }

        var first = errors[0];
        var field = first.Optional("field") is { } path ? string.Join('.', path.Items().Select(p => p.AsString())) : "(input)";
        var message = first.Optional("message")?.AsString() ?? "(no message)";
        throw new ConnectorException(Platform, $"shopify order {orderId}: {operation} refused field '{field}': {message}", isTransient: false, httpStatus: 200, orderId: orderId, field: field);
    }

    /// <summary>Shop order ids are the orders' gids; a bare number is accepted as the legacy id.</summary>
    private static string OrderGid(string shopOrderId) =>
        shopOrderId.StartsWith("gid://shopify/Order/", StringComparison.Ordinal) ? shopOrderId
        : long.TryParse(shopOrderId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? $"gid://shopify/Order/{id}"
        : throw new ArgumentException($"'{shopOrderId}' is not a Shopify order id.", nameof(shopOrderId));

    private static ConnectorException NotFound(string shopOrderId) =>
        new(Platform, $"shopify order {shopOrderId}: the shop does not know this order.", isTransient: false, httpStatus: 404, orderId: shopOrderId);

    private static ConnectorException StatusNotSettable(string orderId, string status) =>
        new(Platform, $"shopify order {orderId}: status '{status}' cannot be set in Shopify; settable are {string.Join(", ", ShopifyStatuses.Settable)}.", isTransient: false, orderId: orderId, field: "status");
}

/// <summary>A variant as far as the connector needs it: its gid, SKU, and available stock when tracked.</summary>
internal sealed record ShopifyVariant(string Id, string Sku, int? Available)
{
    public static ShopifyVariant Read(PayloadReader node)
    {
        var item = node.Required("inventoryItem");
        int? available = null;
        if (item.Required("tracked").AsBoolean())
        {
            available = item.Required("inventoryLevels").Required("nodes").Items()
                .SelectMany(level => level.Required("quantities").Items())
                .Where(q => q.Required("name").AsString() == "available")
                .Sum(q => q.Required("quantity").AsInt32());
        }

        return new ShopifyVariant(node.Required("id").AsNonEmptyString(), node.Optional("sku")?.AsString() ?? "", available);
    }
}

using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.WooCommerce;

/// <summary>
/// <see cref="IShop"/> on the WooCommerce REST API v3 (reference section C; decisions in docs/connectors/woocommerce.md).
/// The hub's order key lives in the order's meta_data; a retried create finds the first order through WooCommerce's
/// order search (the marketplace order id is written into the shipping line's title, which the search covers) and
/// the exact meta value. Creates are sent once, without automatic retries; after a failure the shop is searched
/// before anything is sent again.
/// </summary>
public sealed class WooCommerceShop : IShop
{
    public const string Platform = "woocommerce";

    /// <summary>WordPress's largest page.</summary>
    internal const int PageSize = 100;

    /// <summary>Bounds the order search of a find: more matches than this means the search term is not selective.</summary>
    private const int MaxSearchPages = 5;

    private const int SkusPerRequest = 50;

    private readonly PlatformClient _client;
    private readonly ILogger _logger;

    public WooCommerceShop(ConnectorAccount account, WooCommerceCredentials credentials, ConnectorClientOptions options, ILogger<WooCommerceShop>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(credentials);
        var apiRoot = ApiRootOf(account.BaseUrl);
        if (apiRoot.Scheme != Uri.UriSchemeHttps && !apiRoot.IsLoopback)
        {
            throw new ConnectorException(Platform, $"woocommerce: {apiRoot.Host} must be reached over HTTPS: WooCommerce accepts a consumer key and secret only over HTTPS.", isTransient: false, field: "BaseUrl");
        }

        _client = new PlatformClient(Platform, apiRoot, options, new WooCommerceAuthPolicy(credentials));
        _logger = logger ?? NullLogger<WooCommerceShop>.Instance;
    }

    /// <summary>Builds the connector from an integration's shop account and the JSON of its credentials secret.</summary>
    public static WooCommerceShop Create(ConnectorAccount account, string credentialsJson, ConnectorClientOptions options, ILoggerFactory? loggerFactory = null) =>
        new(account, WooCommerceCredentials.Parse(account.SecretName, credentialsJson), options, loggerFactory?.CreateLogger<WooCommerceShop>());

    public async Task<ShopOrder> CreateOrderAsync(ShopOrderDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (await FindByOrderKeyAsync(draft.OrderKey, cancellationToken) is { } existing)
        {
            return existing;
        }

        var body = await WooCommerceOrderRequest.BuildAsync(draft, FindProductsAsync, cancellationToken);
        Response response;
        try
        {
            response = await _client.SendOnceAsync(RequestMethod.Post, "orders", PlatformRequestBody.Json(body), orderId: draft.OrderKey, cancellationToken: cancellationToken);
        }
        catch (ConnectorException e) when (e.IsTransient)
        {
            // The shop may have stored the order before the answer was lost (timeout, dropped connection, a proxy's 5xx).
            if (await FindByOrderKeyAsync(draft.OrderKey, cancellationToken) is { } stored)
            {
                WooCommerceLog.CreateAnswerLost(_logger, draft.OrderKey, e.HttpStatus?.ToString(CultureInfo.InvariantCulture) ?? "no answer", stored.ShopOrderId);
                return stored;
            }

            throw;
        }

        using var document = _client.ParseJson(response, RequestMethod.Post, "orders", draft.OrderKey);
        return WooCommerceOrderReader.Read(PayloadReader.Root(document.RootElement, Platform, draft.OrderKey));
    }

    public async Task<ShopOrder?> FindByOrderKeyAsync(string orderKey, CancellationToken cancellationToken)
    {
        var key = OrderKey.Parse(orderKey);
        var term = Uri.EscapeDataString(key.MarketplaceOrderId);
        var matches = new List<ShopOrder>();
        for (var page = 1; ; page++)
        {
            var uri = $"orders?search={term}&orderby=id&order=asc&per_page={PageSize}&page={page}";
            var (orders, totalPages) = await ListAsync(uri, orderKey, cancellationToken);
            matches.AddRange(orders.Where(o => string.Equals(o.OrderKey, orderKey, StringComparison.Ordinal)));
            if (page >= totalPages)
            {
                break;
            }

            if (page == MaxSearchPages)
            {
                throw new ConnectorException(Platform, $"woocommerce order {orderKey}: searching the shop for '{key.MarketplaceOrderId}' finds more than {MaxSearchPages * PageSize} orders; the order key cannot be looked up reliably.", isTransient: false, orderId: orderKey, field: "search");
            }
        }

        if (matches.Count > 1)
        {
            WooCommerceLog.SeveralOrdersForKey(_logger, matches.Count, orderKey, matches[0].ShopOrderId);
        }

        return matches.FirstOrDefault();
    }

    public async Task<ShopOrder?> GetOrderAsync(string shopOrderId, CancellationToken cancellationToken)
    {
        var path = $"orders/{OrderPath(shopOrderId)}";
        try
        {
            using var document = await _client.SendForJsonAsync(RequestMethod.Get, path, orderId: shopOrderId, cancellationToken: cancellationToken);
            return WooCommerceOrderReader.Read(PayloadReader.Root(document.RootElement, Platform, shopOrderId));
        }
        catch (ConnectorException e) when (e.HttpStatus == 404)
        {
            return null;
        }
    }

    public async Task<ShopOrderPage> ListChangedOrdersAsync(DateTimeOffset since, string? pageToken, CancellationToken cancellationToken)
    {
        var page = pageToken is null ? 1 : int.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0
            ? p
            : throw new ArgumentException($"'{pageToken}' is not a WooCommerce page token.", nameof(pageToken));

        // modified_after is exclusive; one second earlier makes "at or after" (a repeated order is harmless).
        var after = since.UtcDateTime.AddSeconds(-1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var uri = $"orders?modified_after={after}&dates_are_gmt=true&orderby=modified&order=asc&per_page={PageSize}&page={page}";
        var (orders, totalPages) = await ListAsync(uri, orderId: null, cancellationToken);
        return new ShopOrderPage(orders, page < totalPages ? (page + 1).ToString(CultureInfo.InvariantCulture) : null);
    }

    public async Task UpdateStatusAsync(string shopOrderId, string status, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        var current = await GetOrderAsync(shopOrderId, cancellationToken) ?? throw NotFound(shopOrderId);
        if (string.Equals(current.Status, status, StringComparison.Ordinal))
        {
            return;
        }

        await PutOrderAsync(shopOrderId, new { status }, cancellationToken);
    }

    /// <summary>Sets the order to <c>cancelled</c> with the reason in its meta. WooCommerce core returns the items to
    /// stock itself when it had taken them (processing, on-hold, completed), so <paramref name="restock"/> = true is
    /// what happens anyway; false cannot be honoured through the REST API (see docs/connectors/woocommerce.md).</summary>
    public async Task CancelOrderAsync(string shopOrderId, string reason, bool restock, CancellationToken cancellationToken)
    {
        var current = await GetOrderAsync(shopOrderId, cancellationToken) ?? throw NotFound(shopOrderId);
        if (current.Status == "cancelled")
        {
            return;
        }

        await PutOrderAsync(
            shopOrderId,
            new { status = "cancelled", meta_data = new[] { new { key = WooCommerceMeta.CancelReason, value = reason } } },
            cancellationToken);
    }

    public async Task<IReadOnlyList<StockLevel>> GetStockAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var products = await FindProductsAsync(skus, cancellationToken);
        return [.. skus.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(sku => products.TryGetValue(sku, out var product) && product.StockQuantity is { } quantity ? new StockLevel(sku, quantity) : null)
            .OfType<StockLevel>()];
    }

    /// <summary>Products and variations by exact SKU (<c>GET /products?sku=a,b</c>), keyed case-insensitively.</summary>
    internal async Task<IReadOnlyDictionary<string, WooCommerceProduct>> FindProductsAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, WooCommerceProduct>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in skus.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(SkusPerRequest))
        {
            var uri = $"products?sku={Uri.EscapeDataString(string.Join(',', batch))}&per_page={PageSize}";
            using var document = await _client.SendForJsonAsync(RequestMethod.Get, uri, cancellationToken: cancellationToken);
            foreach (var item in PayloadReader.Root(document.RootElement, Platform).Items())
            {
                var product = WooCommerceProduct.Read(item);
                if (batch.Contains(product.Sku, StringComparer.OrdinalIgnoreCase))
                {
                    found.TryAdd(product.Sku, product);
                }
            }
        }

        return found;
    }

    /// <summary>One page of orders plus <c>X-WP-TotalPages</c>; a page larger than asked for is refused.</summary>
    private async Task<(List<ShopOrder> Orders, int TotalPages)> ListAsync(string uri, string? orderId, CancellationToken cancellationToken)
    {
        var response = await _client.SendAsync(RequestMethod.Get, uri, orderId: orderId, cancellationToken: cancellationToken);
        using var document = _client.ParseJson(response, RequestMethod.Get, uri, orderId);
        var root = PayloadReader.Root(document.RootElement, Platform, orderId);
        var items = root.Items().ToList();
        if (items.Count > PageSize)
        {
            throw root.Error("", $"holds {items.Count} orders, more than the {PageSize} asked for");
        }

        return ([.. items.Select(WooCommerceOrderReader.Read)], TotalPagesOf(response, orderId));
    }

    private int TotalPagesOf(Response response, string? orderId)
    {
        if (!response.Headers.TryGetValue("X-WP-TotalPages", out var text))
        {
            // Without WordPress's count, the Link header says whether there is a next page.
            return response.Headers.TryGetValue("Link", out var link) && link.Contains("rel=\"next\"", StringComparison.Ordinal) ? int.MaxValue : 0;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pages)
            ? pages
            : throw new ConnectorException(Platform, $"woocommerce: header 'X-WP-TotalPages' should be a number but is '{text}'.", isTransient: false, orderId: orderId, field: "X-WP-TotalPages");
    }

    private async Task PutOrderAsync(string shopOrderId, object body, CancellationToken cancellationToken)
    {
        using var document = await _client.SendForJsonAsync(RequestMethod.Put, $"orders/{OrderPath(shopOrderId)}", PlatformRequestBody.Json(body), orderId: shopOrderId, cancellationToken: cancellationToken);
        WooCommerceOrderReader.Read(PayloadReader.Root(document.RootElement, Platform, shopOrderId));
    }

    /// <summary>Order ids are numbers; anything else is a caller's mistake, not a request to send.</summary>
    private static string OrderPath(string shopOrderId) =>
        long.TryParse(shopOrderId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"'{shopOrderId}' is not a WooCommerce order id.", nameof(shopOrderId));

    private static ConnectorException NotFound(string shopOrderId) =>
        new(Platform, $"woocommerce order {shopOrderId}: the shop does not know this order.", isTransient: false, httpStatus: 404, orderId: shopOrderId);

    /// <summary>The account's base URL may be the site (<c>https://shop.example/</c>) or the API root itself.</summary>
    private static Uri ApiRootOf(Uri baseUrl)
    {
        var text = baseUrl.AbsoluteUri.TrimEnd('/');
        return new Uri(text.EndsWith("/wp-json/wc/v3", StringComparison.OrdinalIgnoreCase) ? text + "/" : text + "/wp-json/wc/v3/");
    }
}

/// <summary>A product or variation as far as the connector needs it.</summary>
internal sealed record WooCommerceProduct(long Id, long ParentId, string Sku, int? StockQuantity)
{
    public static WooCommerceProduct Read(PayloadReader product)
    {
        var id = product.Required("id").AsInt64();
        var manageStock = product.Optional("manage_stock");
        // Variations report manage_stock "parent" when the parent product's stock applies.
        var managed = manageStock is { Element.ValueKind: JsonValueKind.String } ? manageStock.Value.AsString() == "parent" : manageStock?.AsBoolean() == true;
        return new WooCommerceProduct(
            id,
            product.Optional("parent_id")?.AsInt64() ?? 0,
            product.Required("sku").AsString(),
            managed ? product.Optional("stock_quantity")?.AsInt32() : null);
    }
}

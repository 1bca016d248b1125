using OrderFunctions.App.Api.Integrations;
using OrderFunctions.App.Api.OpenApi;
using OrderFunctions.App.Api.Operations;
using OrderFunctions.App.Api.Orders;
using OrderFunctions.App.Api.Webhooks;
using OrderFunctions.Hosting.Contract;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.App.Api;

/// <summary>One operation of the API: its function in the catalog (name, method, route, key level) and what the OpenAPI
/// document says about it (tag, summary, body and answer types, the error statuses it can answer).</summary>
internal sealed record ApiOperation(
    string Name,
    string Method,
    string Route,
    AuthorizationLevel AuthLevel,
    string Tag,
    string Summary,
    Type? RequestBody,
    int SuccessStatus,
    Type? Response,
    IReadOnlyList<int> Errors,
    Func<FunctionCatalog, FunctionCatalog> Register);

/// <summary>The HTTP API (issue 5): administration, operations, queries, webhooks and its OpenAPI document. Admin routes
/// need the function key; webhook routes are anonymous on the key side because each checks its platform's own
/// signature or credentials before anything else; the OpenAPI document is public.</summary>
internal static class ApiFunctions
{
    private const AuthorizationLevel Key = AuthorizationLevel.Function;
    private static readonly int[] Read = [401, 404];
    private static readonly int[] Edit = [400, 401, 404, 412, 413, 428];
    private static readonly int[] Webhook = [400, 401, 404, 413, 500];

    public static IReadOnlyList<ApiOperation> Operations { get; } =
    [
        Op<ListMarketplacesFunction>("ListMarketplaces", "get", ApiRoutes.Marketplaces, Key, "Integrations", "The marketplaces the hub knows and their fixed statuses", null, 200, typeof(MarketplaceList), [401]),
        Op<ListIntegrationsFunction>("ListIntegrations", "get", ApiRoutes.Integrations, Key, "Integrations", "List integrations", null, 200, typeof(IntegrationList), [401]),
        Op<CreateIntegrationFunction>("CreateIntegration", "post", ApiRoutes.Integrations, Key, "Integrations", "Create an integration (optionally with its status map)", typeof(IntegrationInput), 201, typeof(Integration), [400, 401, 409, 413]),
        Op<GetIntegrationFunction>("GetIntegration", "get", ApiRoutes.Integration, Key, "Integrations", "Read an integration (ETag)", null, 200, typeof(Integration), Read),
        Op<UpdateIntegrationFunction>("UpdateIntegration", "put", ApiRoutes.Integration, Key, "Integrations", "Replace an integration's name, accounts and settings (If-Match)", typeof(IntegrationInput), 200, typeof(Integration), Edit),
        Op<GetSettingsFunction>("GetIntegrationSettings", "get", ApiRoutes.Settings, Key, "Integrations", "Read an integration's settings (ETag)", null, 200, typeof(IntegrationSettings), Read),
        Op<UpdateSettingsFunction>("UpdateIntegrationSettings", "put", ApiRoutes.Settings, Key, "Integrations", "Replace an integration's settings (If-Match)", typeof(IntegrationSettings), 200, typeof(IntegrationSettings), Edit),
        Op<GetStatusMapFunction>("GetStatusMap", "get", ApiRoutes.StatusMap, Key, "Integrations", "Read an integration's status map (ETag)", null, 200, typeof(StatusMapView), Read),
        Op<ReplaceStatusMapFunction>("ReplaceStatusMap", "put", ApiRoutes.StatusMap, Key, "Integrations", "Replace an integration's status map (If-Match)", typeof(StatusMapInput), 200, typeof(StatusMapView), Edit),
        Op<StartSyncFunction>("StartSync", "post", ApiRoutes.Syncs, Key, "Operations", "Sync an integration now, optionally back-filling since a date", typeof(SyncInput), 202, typeof(SyncRunView), [400, 401, 404, 413]),
        Op<GetSyncFunction>("GetSync", "get", ApiRoutes.Sync, Key, "Operations", "Follow a sync: its state and counts so far", null, 200, typeof(SyncRunView), Read),
        Op<RetryFailedOrdersFunction>("RetryFailedOrders", "post", ApiRoutes.RetryFailed, Key, "Operations", "Queue a re-sync of every failed order", null, 202, typeof(RetryFailedResult), Read),
        Op<ListOrdersFunction>("ListOrders", "get", ApiRoutes.Orders, Key, "Orders", "List an integration's orders, optionally in one state, a page at a time", null, 200, typeof(OrderList), [400, 401, 404]),
        Op<CountOrdersFunction>("CountOrders", "get", ApiRoutes.OrderCounts, Key, "Orders", "Count an integration's orders per state", null, 200, typeof(OrderCounts), Read),
        Op<GetOrderFunction>("GetOrder", "get", ApiRoutes.Order, Key, "Orders", "Read one order with its full history", null, 200, typeof(OrderDetailsView), Read),
        Op<ResyncOrderFunction>("ResyncOrder", "post", ApiRoutes.OrderResync, Key, "Operations", "Re-sync one order from both sides", null, 200, typeof(OrderActionResult), Read),
        Op<ConfirmOrderFunction>("ConfirmOrder", "post", ApiRoutes.OrderConfirm, Key, "Operations", "Confirm an order held for the operator", null, 200, typeof(OrderActionResult), Read),
        Op<RejectOrderFunction>("RejectOrder", "post", ApiRoutes.OrderReject, Key, "Operations", "Reject an order (cancelled on both sides)", typeof(RejectOrderInput), 200, typeof(OrderActionResult), [400, 401, 404, 413]),
        Op<SetCustomStatusFunction>("SetOrderCustomStatus", "post", ApiRoutes.OrderCustomStatus, Key, "Operations", "Set a custom status on an order (also in the shop)", typeof(CustomStatusInput), 200, typeof(OrderActionResult), [400, 401, 404, 413]),
        Op<WooCommerceWebhookFunction>("WooCommerceWebhook", "post", ApiRoutes.WooCommerceWebhook, AuthorizationLevel.Anonymous, "Webhooks", "WooCommerce order webhook (X-WC-Webhook-Signature)", null, 202, typeof(WebhookOutcome), Webhook),
        Op<ShopifyWebhookFunction>("ShopifyWebhook", "post", ApiRoutes.ShopifyWebhook, AuthorizationLevel.Anonymous, "Webhooks", "Shopify order webhook (X-Shopify-Hmac-SHA256)", null, 202, typeof(WebhookOutcome), Webhook),
        Op<TrendyolWebhookFunction>("TrendyolWebhook", "post", ApiRoutes.TrendyolWebhook, AuthorizationLevel.Anonymous, "Webhooks", "Trendyol order webhook (x-api-key or basic credentials)", null, 202, typeof(WebhookOutcome), Webhook),
        Op<OpenApiFunction>("OpenApiDocument", "get", ApiRoutes.OpenApi, AuthorizationLevel.Anonymous, "Documentation", "This OpenAPI document", null, 200, null, []),
    ];

    /// <summary>Adds every API function to the catalog.</summary>
    public static FunctionCatalog AddApiFunctions(this FunctionCatalog catalog)
    {
        foreach (var operation in Operations)
        {
            catalog = operation.Register(catalog);
        }

        return catalog;
    }

    public static ApiOperation? Find(string functionName) =>
        Operations.FirstOrDefault(o => string.Equals(o.Name, functionName, StringComparison.OrdinalIgnoreCase));

    private static ApiOperation Op<TFunction>(string name, string method, string route, AuthorizationLevel auth, string tag, string summary, Type? body, int success, Type? response, IReadOnlyList<int> errors)
        where TFunction : class, IHttpFunction =>
        new(name, method, route, auth, tag, summary, body, success, response, errors, catalog => catalog.AddHttp<TFunction>(name, new HttpTrigger(route, [method], auth)));
}

namespace OrderFunctions.App.Api;

/// <summary>The API's routes (relative to the <c>api</c> prefix) and their parameter names, once.</summary>
internal static class ApiRoutes
{
    public const string IntegrationId = "integrationId";
    public const string OrderId = "orderId";
    public const string RunId = "runId";

    public const string Marketplaces = "marketplaces";
    public const string Integrations = "integrations";
    public const string Integration = "integrations/{integrationId}";
    public const string Settings = Integration + "/settings";
    public const string StatusMap = Integration + "/status-map";
    public const string Syncs = Integration + "/syncs";
    public const string Sync = Syncs + "/{runId}";
    public const string RetryFailed = Orders + "/retry-failed";
    public const string Orders = Integration + "/orders";
    public const string OrderCounts = Integration + "/order-counts";
    public const string Order = Orders + "/{orderId}";
    public const string OrderResync = Order + "/resync";
    public const string OrderConfirm = Order + "/confirm";
    public const string OrderReject = Order + "/reject";
    public const string OrderCustomStatus = Order + "/custom-status";
    public const string WooCommerceWebhook = "webhooks/woocommerce/{integrationId}";
    public const string ShopifyWebhook = "webhooks/shopify/{integrationId}";
    public const string TrendyolWebhook = "webhooks/trendyol/{integrationId}";
    public const string OpenApi = "openapi.json";

    /// <summary>The absolute path of <paramref name="route"/> with its parameters filled in order, escaped, e.g.
    /// <c>/api/integrations/ty-woo</c>.</summary>
    public static string Path(string route, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(values);
        var path = route;
        foreach (var value in values)
        {
            var start = path.IndexOf('{', StringComparison.Ordinal);
            var end = path.IndexOf('}', start + 1);
            path = string.Concat(path.AsSpan(0, start), Uri.EscapeDataString(value), path.AsSpan(end + 1));
        }

        return "/" + Hosting.Definitions.FunctionCatalog.DefaultRoutePrefix + "/" + path;
    }
}

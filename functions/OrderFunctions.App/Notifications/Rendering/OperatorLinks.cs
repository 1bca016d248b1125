namespace OrderFunctions.App.Notifications.Rendering;

/// <summary>
/// Where a mail points the operator: the operator HTTP API under <c>Notifications:ApiBaseUrl</c> (e.g.
/// <c>https://func-orders.azurewebsites.net/api</c>). Without a base URL the mails show the routes with an <c>{api}</c>
/// placeholder. The routes require a function key, which a mail never contains.
/// </summary>
public sealed class OperatorLinks(Uri? apiBaseUrl)
{
    private readonly string _base = apiBaseUrl?.AbsoluteUri.TrimEnd('/') ?? "{api}";

    public string Order(string integrationId, string marketplaceOrderId) =>
        $"GET {_base}/integrations/{Escape(integrationId)}/orders/{Escape(marketplaceOrderId)}";

    public string ResyncOrder(string integrationId, string marketplaceOrderId) =>
        $"POST {_base}/integrations/{Escape(integrationId)}/orders/{Escape(marketplaceOrderId)}/resync";

    public string RetryFailedOrders(string integrationId) =>
        $"POST {_base}/integrations/{Escape(integrationId)}/orders/retry-failed";

    public string StatusMap(string integrationId) =>
        $"PUT {_base}/integrations/{Escape(integrationId)}/status-map";

    public string Orders(string integrationId) =>
        $"GET {_base}/integrations/{Escape(integrationId)}/orders";

    public string OrdersInState(string integrationId, string state) =>
        $"GET {_base}/integrations/{Escape(integrationId)}/orders?state={Escape(state)}";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}

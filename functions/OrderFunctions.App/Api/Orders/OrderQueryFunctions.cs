using OrderFunctions.App.Api.Integrations;
using OrderFunctions.App.Api.Problems;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Operations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Storage;

namespace OrderFunctions.App.Api.Orders;

// The operator's views of orders (issue 5 §3): a tab of orders in one state with paging, the counts per state, one
// order with its full history.

/// <summary><c>GET /api/integrations/{integrationId}/orders?state=&amp;pageSize=&amp;continuationToken=</c></summary>
internal sealed class ListOrdersFunction(IntegrationStore integrations, IOrderStore orders) : ApiFunction
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var state = ParseState(request.Query("state"));
        var pageSize = ParsePageSize(request.Query("pageSize"));
        var continuation = request.Query("continuationToken");
        var integration = await integrations.ReadAsync(request, cancellationToken);
        OrderPage page;
        try
        {
            page = await orders.ListAsync(integration.Integration.Id, state, pageSize, continuation, cancellationToken);
        }
        catch (ArgumentException) when (continuation is not null)
        {
            // The token is opaque (already URL-safe); only one this API returned can be read back.
            throw ApiProblemException.Invalid("continuationToken", "Not a token this API returned.");
        }

        return Json(request, new OrderList([.. page.Orders.Select(OrderSummary.From)], page.ContinuationToken));
    }

    private static OrderStatus? ParseState(string? value)
    {
        if (value is null)
        {
            return null;
        }

        // Names only: "3" would parse as a number.
        return Enum.TryParse<OrderStatus>(value, ignoreCase: true, out var status) && Enum.IsDefined(status) && !char.IsAsciiDigit(value[0])
            ? status
            : throw ApiProblemException.Invalid("state", $"One of {string.Join(", ", Enum.GetNames<OrderStatus>())}.");
    }

    private static int ParsePageSize(string? value)
    {
        if (value is null)
        {
            return DefaultPageSize;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize
            ? size
            : throw ApiProblemException.Invalid("pageSize", $"A whole number from 1 to {MaxPageSize}.");
    }
}

/// <summary><c>GET /api/integrations/{integrationId}/order-counts</c>: how many orders are in each state. Reads every
/// order row of the integration (one key-range query, 1000 rows a page).</summary>
internal sealed class CountOrdersFunction(IntegrationStore integrations, IOrderStore orders) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var integration = await integrations.ReadAsync(request, cancellationToken);
        var counts = Enum.GetValues<OrderStatus>().ToDictionary(s => s, _ => 0);
        string? continuation = null;
        do
        {
            var page = await orders.ListAsync(integration.Integration.Id, null, ListOrdersFunction.MaxPageSize, continuation, cancellationToken);
            foreach (var order in page.Orders)
            {
                counts[order.Status]++;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return Json(request, new OrderCounts(integration.Integration.Id, counts.Values.Sum(), counts));
    }
}

/// <summary><c>GET /api/integrations/{integrationId}/orders/{orderId}</c>: the order with its full history.</summary>
internal sealed class GetOrderFunction(OrderOperations operations) : ApiFunction
{
    protected override async Task<IResult> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var key = OrderRoute.Key(request);
        var details = await operations.GetAsync(key, cancellationToken) ?? throw OrderRoute.NotFound(key);
        return Json(request, OrderDetailsView.From(details));
    }
}

internal static class OrderRoute
{
    /// <summary>The order key of the route's integration and marketplace order id.</summary>
    public static OrderKey Key(ApiRequest request)
    {
        var integrationId = request.Route(ApiRoutes.IntegrationId);
        var orderId = request.Route(ApiRoutes.OrderId);
        try
        {
            return OrderKey.Create(integrationId, orderId);
        }
        catch (ArgumentException)
        {
            throw ApiProblemException.NotFound($"There is no order '{orderId}' in integration '{integrationId}'.");
        }
    }

    public static ApiProblemException NotFound(OrderKey key) =>
        ApiProblemException.NotFound($"There is no order '{key.MarketplaceOrderId}' in integration '{key.IntegrationId}'.");
}

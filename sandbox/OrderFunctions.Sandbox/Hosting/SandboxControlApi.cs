namespace OrderFunctions.Sandbox.Hosting;

/// <summary>
/// The sandbox's control API (docs/sandbox.md), on its own port, for the demo and the benchmarks in another process.
/// Thin: each route parses, calls <see cref="SandboxOrders"/> or the records, and maps the result. Bad input is a 400
/// problem naming what is wrong; an unknown order a 404; a change the platform refuses a 409.
/// </summary>
internal static class SandboxControlApi
{
    public static void Map(WebApplication app, SandboxHost host)
    {
        var orders = host.Orders;
        app.MapGet("/", () => Results.Json(host.Manifest));
        app.MapGet("/records", () => Results.Json(SandboxRecordsBuilder.All(host)));

        app.MapPost("/trendyol/orders", (AddOrdersRequest? request) =>
            Run(() => Results.Json(new { orders = orders.AddTrendyolOrders(request?.Count ?? 1, request?.Status) })));
        app.MapPost("/trendyol/orders/{orderNumber}/cancel", (string orderNumber) =>
            Run(() => Results.Json(new { packages = orders.CancelTrendyolOrder(orderNumber) })));
        app.MapGet("/trendyol/records", () => Results.Json(SandboxRecordsBuilder.Trendyol(host, withOrders: true)));

        app.MapPost("/bol/orders", (AddOrdersRequest? request) =>
            Run(() => request?.Status is not null
                ? throw new ArgumentException("bol orders have no status to choose: they start open.")
                : Results.Json(new { orders = orders.AddBolOrders(request?.Count ?? 1) })));
        app.MapPost("/bol/orders/{orderId}/cancel", (string orderId) =>
            Run(() => Results.Json(new { items = orders.CancelBolOrder(orderId, requestOnly: false) })));
        app.MapPost("/bol/orders/{orderId}/cancellation-request", (string orderId) =>
            Run(() => Results.Json(new { items = orders.CancelBolOrder(orderId, requestOnly: true) })));
        app.MapPost("/bol/processes/complete", () =>
        {
            orders.CompleteBolProcesses();
            return Results.NoContent();
        });
        app.MapGet("/bol/records", () => Results.Json(SandboxRecordsBuilder.Bol(host, withOrders: true)));

        foreach (var (name, shop) in new[] { ("woocommerce", orders.WooCommerce), ("shopify", orders.Shopify) })
        {
            MapShop(app.MapGroup("/" + name), orders, name, shop);
        }
    }

    private static void MapShop(RouteGroupBuilder group, SandboxOrders orders, string name, ISandboxShop shop)
    {
        group.MapGet("/orders", () => Results.Json(new { orders = shop.Orders() }));
        group.MapPost("/orders/{orderRef}/complete", (string orderRef, CompleteRequest? request) =>
            Run(() => Results.Json(shop.Complete(orderRef, CompletionTracking(orders, name, shop, orderRef, request)))));
        group.MapPost("/orders/{orderRef}/tracking", (string orderRef, TrackingRequest? request) =>
            Run(() => Results.Json(shop.AddTracking(orderRef, GivenOrNewTracking(orders, name, shop, orderRef, request)))));
        group.MapPost("/orders/{orderRef}/cancel", (string orderRef) => Run(() => Results.Json(shop.Cancel(orderRef))));
        group.MapPost("/orders/complete-open", (CompleteOpenRequest? request) =>
            Run(() =>
            {
                var completed = shop.OpenHubOrders()
                    .Take(request?.Max ?? int.MaxValue)
                    .ToList()
                    .Select(o => shop.Complete(o.Ref, request?.WithTracking == true ? orders.NewTracking(o.OrderKey, carrier: null) : null))
                    .ToList();
                return Results.Json(new { orders = completed });
            }));
        group.MapGet("/records", () => Results.Json(shop.Records(withKeys: true)));
    }

    /// <summary>Completion tracking: none unless asked for; given, or generated with <c>"withTracking": true</c>.</summary>
    private static SandboxTracking? CompletionTracking(SandboxOrders orders, string name, ISandboxShop shop, string orderRef, CompleteRequest? request) =>
        request switch
        {
            { TrackingNumber: { Length: > 0 } number } => new SandboxTracking(number, request.Carrier),
            { WithTracking: true } => GivenOrNewTracking(orders, name, shop, orderRef, new TrackingRequest(null, request.Carrier)),
            { Carrier: not null } => throw new ArgumentException("carrier is given without trackingNumber (or \"withTracking\": true)."),
            _ => null,
        };

    /// <summary>The given tracking code, or a plausible generated one for the order's marketplace.</summary>
    private static SandboxTracking GivenOrNewTracking(SandboxOrders orders, string name, ISandboxShop shop, string orderRef, TrackingRequest? request)
    {
        if (request?.TrackingNumber is { Length: > 0 } number)
        {
            return new SandboxTracking(number, request.Carrier);
        }

        var order = shop.Orders().FirstOrDefault(o => o.Ref == orderRef)
            ?? throw new KeyNotFoundException($"{name} has no order '{orderRef}'.");
        return orders.NewTracking(order.OrderKey, request?.Carrier);
    }

    private static IResult Run(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (KeyNotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (ArgumentException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private sealed record AddOrdersRequest(int? Count, string? Status);

    private sealed record CompleteRequest(string? TrackingNumber, string? Carrier, bool? WithTracking);

    private sealed record TrackingRequest(string? TrackingNumber, string? Carrier);

    private sealed record CompleteOpenRequest(bool? WithTracking, int? Max);
}

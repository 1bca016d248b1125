using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderFunctions.Sandbox.Common;

namespace OrderFunctions.Sandbox.Bol;

/// <summary>
/// A local bol.com Retailer API (reference B, not the connector's code) plus its login host: <c>POST /token</c>
/// (client credentials with Basic auth, form body), bearer checks (401 for unknown or expired tokens), the
/// per-resource media types (406 for a wrong Accept, 415 for a wrong Content-Type), the order list (50 per page,
/// status, change-interval-minute, latest-change-date) and detail, shipments and cancellations answered 202 with a
/// process status that completes after a poll or two, the shared process-status endpoints, offers stock (v11), and
/// <c>x-ratelimit-*</c> headers on every answer with 429 + <c>Retry-After</c> over the budget.
/// </summary>
public sealed class BolSimulator : IAsyncDisposable
{
    private BolSimulator(SimulatorHost host, BolSimulatorState state, BolSimulatorOptions options)
    {
        Host = host;
        State = state;
        Options = options;
    }

    public SimulatorHost Host { get; }

    public BolSimulatorState State { get; }

    public BolSimulatorOptions Options { get; }

    /// <summary>The API root (what a connector's BaseUrl is set to).</summary>
    public Uri BaseUri => Host.BaseUri;

    /// <summary>The login host's token endpoint (bol: <c>https://login.bol.com/token</c>).</summary>
    public Uri TokenUri => new(Host.BaseUri, "token");

    public static async Task<BolSimulator> StartAsync(BolSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new BolSimulatorState(options);
        var limiter = new RequestWindowCounter(options.RequestsPerWindow, options.RateLimitWindow, options.TimeProvider);
        SimulatorHost? started = null;
        started = await SimulatorHost.StartAsync(
            "bol",
            options.Port,
            _ => { },
            app => Map(app, state, limiter, options, () => started!.BaseUri),
            cancellationToken);
        return new BolSimulator(started, state, options);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static void Map(WebApplication app, BolSimulatorState state, RequestWindowCounter limiter, BolSimulatorOptions options, Func<Uri> baseUri)
    {
        app.Use((context, next) => GateAsync(context, next, state, limiter));
        app.MapPost("/token", (HttpRequest request) => IssueToken(request, state, options));

        app.MapGet("/retailer/orders", (HttpRequest request) => ListOrders(request, state, options.TimeProvider));
        app.MapGet("/retailer/orders/{orderId}", (string orderId) =>
            state.GetOrder(orderId) is { } order ? Json(order) : Problem(SimulatorError.NotFound($"Order {orderId} does not exist.")));
        app.MapPost("/retailer/shipments", async (HttpRequest request) =>
        {
            var (command, error) = ReadShipment(await ReadJsonAsync(request));
            if (error is not null)
            {
                return Problem(error);
            }

            var (process, refused) = state.CreateShipment(command!, baseUri());
            return refused is null ? Json(process!, StatusCodes.Status202Accepted) : Problem(refused);
        });
        app.MapPut("/retailer/orders/cancellation", async (HttpRequest request) =>
        {
            var body = await ReadJsonAsync(request);
            if (body?["orderItems"] is not JsonArray { Count: 1 } items || items[0] is not JsonObject item)
            {
                return Problem(SimulatorError.BadRequest("orderItems: size must be between 1 and 1."));
            }

            var itemId = Text(item, "orderItemId");
            var reason = Text(item, "reasonCode");
            if (string.IsNullOrEmpty(itemId) || reason is null || !BolCodes.CancellationReasons.Contains(reason))
            {
                return Problem(SimulatorError.BadRequest($"Request contains invalid value(s): '{reason}', allowed values: {string.Join(", ", BolCodes.CancellationReasons)}."));
            }

            var (process, refused) = state.CancelItem(itemId, reason, baseUri());
            return refused is null ? Json(process!, StatusCodes.Status202Accepted) : Problem(refused);
        });
        app.MapGet("/shared/process-status/{processStatusId}", (string processStatusId) =>
            state.ReadProcess(processStatusId, baseUri()) is { } process ? Json(process) : Problem(SimulatorError.NotFound($"Process status {processStatusId} does not exist.")));
        app.MapGet("/shared/process-status", (HttpRequest request) =>
        {
            var entityId = request.Query["entity-id"].ToString();
            var eventType = request.Query["event-type"].ToString();
            return entityId.Length == 0 || eventType.Length == 0
                ? Problem(SimulatorError.BadRequest("entity-id and event-type are required."))
                : Json(state.FindProcesses(entityId, eventType, baseUri()));
        });

        app.MapGet("/retailer/offers", (HttpRequest request) =>
        {
            var eans = request.Query["eans"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            if (!int.TryParse(request.Query["page-size"].FirstOrDefault() ?? "50", NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize) || pageSize is < 1 or > 100)
            {
                return Problem(SimulatorError.BadRequest("page-size must be between 1 and 100."));
            }

            var reference = request.Query["reference"].FirstOrDefault();
            return Json(state.ListOffers(string.IsNullOrEmpty(reference) ? null : reference, eans, pageSize), mediaType: BolMediaTypes.RetailerV11);
        });
        app.MapPatch("/retailer/offers/{offerId}", async (string offerId, HttpRequest request) =>
        {
            var stock = (await ReadJsonAsync(request))?["stock"] as JsonObject;
            if (stock?["amount"] is not JsonValue amountValue || !amountValue.TryGetValue<int>(out var amount) || amount < 0
                || stock["managedByRetailer"] is not JsonValue managedValue || !managedValue.TryGetValue<bool>(out var managed))
            {
                return Problem(SimulatorError.BadRequest("stock.amount (0 or more) and stock.managedByRetailer are required."), BolMediaTypes.RetailerV11);
            }

            var error = state.UpdateOfferStock(offerId, amount, managed);
            return error is null ? Results.NoContent() : Problem(error, BolMediaTypes.RetailerV11);
        });
    }

    /// <summary>Every Retailer API call: a live bearer token (401), the resource's media type in Accept (406) and,
    /// with a body, in Content-Type (415); then the endpoint's rate-limit budget, reported in headers (429 over it).</summary>
    private static async Task GateAsync(HttpContext context, RequestDelegate next, BolSimulatorState state, RequestWindowCounter limiter)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/retailer") && !path.StartsWithSegments("/shared"))
        {
            await next(context);
            return;
        }

        var mediaType = path.StartsWithSegments("/retailer/offers") ? BolMediaTypes.RetailerV11 : BolMediaTypes.RetailerV10;
        var authorization = context.Request.Headers.Authorization.ToString();
        var tokenProblem = state.CheckToken(authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : null);
        if (tokenProblem is not null)
        {
            await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, tokenProblem, tokenProblem == "Expired JWT" ? "JWT expired." : "Full authentication is required.", mediaType);
            return;
        }

        if (!context.Request.Headers.Accept.ToString().Contains(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            await WriteProblemAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable", $"Accept must be {mediaType}.", mediaType);
            return;
        }

        if (context.Request.Method is "POST" or "PUT" or "PATCH"
            && !(context.Request.ContentType ?? "").StartsWith(mediaType, StringComparison.OrdinalIgnoreCase))
        {
            await WriteProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", $"Content-Type must be {mediaType}.", mediaType);
            return;
        }

        var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? path.Value ?? "";
        var (allowed, remaining, resetAfter) = limiter.TryTake($"{context.Request.Method} {endpoint}");
        var resetSeconds = ((int)Math.Ceiling(resetAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-limit"] = limiter.Limit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-reset"] = resetSeconds;
        if (!allowed)
        {
            state.CountRateLimitRejection();
            context.Response.Headers.RetryAfter = resetSeconds;
            await WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too Many Requests", $"Too many requests, retry in {resetSeconds} seconds.", mediaType);
            return;
        }

        await next(context);
    }

    private static async Task<IResult> IssueToken(HttpRequest request, BolSimulatorState state, BolSimulatorOptions options)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"));
        if (request.Headers.Authorization.ToString() != expected)
        {
            return Results.Json(new { error = "invalid_client", error_description = "Bad client credentials" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!request.HasFormContentType || (await request.ReadFormAsync())["grant_type"] != "client_credentials")
        {
            return Results.Json(new { error = "unsupported_grant_type", error_description = "grant_type=client_credentials is required in a form body" }, statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Json(new
        {
            access_token = state.IssueToken(),
            token_type = "Bearer",
            expires_in = (int)options.TokenLifetime.TotalSeconds,
            scope = "RETAILER",
        });
    }

    private static IResult ListOrders(HttpRequest request, BolSimulatorState state, TimeProvider time)
    {
        var q = request.Query;
        if (!int.TryParse(q["page"].FirstOrDefault() ?? "1", NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1)
        {
            return Problem(SimulatorError.BadRequest("page must be 1 or more."));
        }

        var method = q["fulfilment-method"].FirstOrDefault() ?? "FBR";
        var status = q["status"].FirstOrDefault() ?? "OPEN";
        if (method is not ("FBR" or "FBB" or "ALL") || status is not ("OPEN" or "SHIPPED" or "ALL"))
        {
            return Problem(SimulatorError.BadRequest("fulfilment-method is FBR, FBB or ALL; status is OPEN, SHIPPED or ALL."));
        }

        int? interval = null;
        if (q["change-interval-minute"].FirstOrDefault() is { } minutesText)
        {
            if (!int.TryParse(minutesText, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes is < 1 or > 60)
            {
                return Problem(SimulatorError.BadRequest("change-interval-minute must be between 1 and 60."));
            }

            interval = minutes;
        }

        DateOnly? date = null;
        if (q["latest-change-date"].FirstOrDefault() is { } dateText)
        {
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Problem(SimulatorError.BadRequest("latest-change-date must be yyyy-MM-dd."));
            }

            if (parsed < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddMonths(-3)))
            {
                return Problem(SimulatorError.BadRequest("latest-change-date can be at most 3 months back."));
            }

            date = parsed;
        }

        if (interval is not null && date is not null)
        {
            return Problem(SimulatorError.BadRequest("Use change-interval-minute or latest-change-date, not both."));
        }

        return Json(state.ListOrders(new OrderListQuery(page, method, status, interval, date)));
    }

    private static (ShipmentCommand? Command, SimulatorError? Error) ReadShipment(JsonObject? body)
    {
        if (body?["orderItems"] is not JsonArray { Count: >= 1 and <= BolSimulatorState.MaxShipmentItems } items || items.Any(i => i is not JsonObject))
        {
            return (null, SimulatorError.BadRequest($"orderItems: size must be between 1 and {BolSimulatorState.MaxShipmentItems}."));
        }

        var parsed = new List<(string, int?)>();
        foreach (var item in items.Cast<JsonObject>())
        {
            var id = Text(item, "orderItemId");
            int? quantity = null;
            if (item["quantity"] is JsonValue q)
            {
                if (!q.TryGetValue<int>(out var value) || value < 1)
                {
                    return (null, SimulatorError.BadRequest("orderItems.quantity must be 1 or more."));
                }

                quantity = value;
            }

            if (string.IsNullOrEmpty(id))
            {
                return (null, SimulatorError.BadRequest("orderItems.orderItemId must not be empty."));
            }

            parsed.Add((id, quantity));
        }

        var reference = body["shipmentReference"] is null ? null : Text(body, "shipmentReference");
        if (body["shipmentReference"] is not null && (string.IsNullOrEmpty(reference) || reference.Length > 90))
        {
            return (null, SimulatorError.BadRequest("shipmentReference: only null or a non-empty string of at most 90 characters."));
        }

        var transport = body["transport"] as JsonObject;
        var hasLabel = body["shippingLabelId"] is not null;
        if (hasLabel == (transport is not null))
        {
            return (null, SimulatorError.BadRequest("Send either shippingLabelId or transport."));
        }

        var transporter = Text(transport, "transporterCode");
        if (transport is not null && (transporter is null || !BolCodes.TransporterCodes.Contains(transporter)))
        {
            return (null, SimulatorError.BadRequest($"transport.transporterCode: unknown transporter '{transporter}'."));
        }

        return (new ShipmentCommand(parsed, reference, transporter, Text(transport, "trackAndTrace")), null);
    }

    private static async Task<JsonObject?> ReadJsonAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IResult Json(JsonObject body, int status = StatusCodes.Status200OK, string mediaType = BolMediaTypes.RetailerV10) =>
        Results.Content(body.ToJsonString(), mediaType, Encoding.UTF8, status);

    private static IResult Problem(SimulatorError error, string mediaType = BolMediaTypes.RetailerV10) =>
        Json(ProblemJson(error.Status, error.Status == StatusCodes.Status404NotFound ? "Not Found" : "Error validating request. Consult the bol.com API documentation for more information.", error.Message), error.Status, mediaType);

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail, string mediaType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType;
        return context.Response.WriteAsync(ProblemJson(status, title, detail).ToJsonString());
    }

    private static JsonObject ProblemJson(int status, string title, string detail) => new()
    {
        ["type"] = "https://api.bol.com/problems",
        ["title"] = title,
        ["status"] = status,
        ["detail"] = detail,
        ["host"] = "Instance-001",
        ["violations"] = new JsonArray(),
    };
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrderFunctions.Sandbox.Common;

namespace OrderFunctions.Sandbox.Trendyol;

/// <summary>
/// A local Trendyol Seller API (reference A, not the connector's code): shipment packages listed by date window with
/// paging, Picking / Invoiced updates, tracking details, unsupplied lines, price-and-inventory, with the documented
/// checks — Basic auth (401 <c>ClientApiAuthenticationException</c>), the <c>User-Agent</c> rule (403), at most
/// 200 per page, 2-week windows, 3 months of history, the 10,000-record window, 50 requests per endpoint per 10 s
/// (429 <c>too.many.requests</c>) and "the same stock request within 15 minutes is rejected".
/// </summary>
public sealed partial class TrendyolSimulator : IAsyncDisposable
{
    public const int MaxPageSize = 200;
    public const int MaxQueryWindowRecords = 10_000;
    public static readonly TimeSpan MaxDateRange = TimeSpan.FromDays(14);
    public static readonly TimeSpan DefaultDateRange = TimeSpan.FromDays(7);
    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    private const string JsonContentType = "application/json";

    private TrendyolSimulator(SimulatorHost host, TrendyolSimulatorState state, TrendyolSimulatorOptions options)
    {
        Host = host;
        State = state;
        Options = options;
    }

    public SimulatorHost Host { get; }

    public TrendyolSimulatorState State { get; }

    public TrendyolSimulatorOptions Options { get; }

    /// <summary>The API root to configure a connector with (the simulator's address).</summary>
    public Uri BaseUri => Host.BaseUri;

    public static async Task<TrendyolSimulator> StartAsync(TrendyolSimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new TrendyolSimulatorState(options.TimeProvider);
        var limiter = new RequestWindowCounter(options.RequestsPerWindow, options.RateLimitWindow, options.TimeProvider);
        var host = await SimulatorHost.StartAsync(
            "trendyol",
            options.Port,
            _ => { },
            app => Map(app, state, limiter, options),
            cancellationToken);
        return new TrendyolSimulator(host, state, options);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    private static void Map(WebApplication app, TrendyolSimulatorState state, RequestWindowCounter limiter, TrendyolSimulatorOptions options)
    {
        app.Use((context, next) => GateAsync(context, next, state, limiter, options));

        var orders = app.MapGroup("/integration/order/sellers/{sellerId:long}");
        orders.MapGet("/orders", (HttpRequest request) => ListPackages(request, state, options.TimeProvider));
        orders.MapPut("/shipment-packages/{packageId:long}", async (long packageId, HttpRequest request) =>
        {
            var body = await ReadJsonAsync(request);
            return body is null
                ? Error(SimulatorError.BadRequest("The body is not a JSON object."))
                : Answer(state.UpdateStatus(packageId, Text(body, "status"), Text(body["params"] as JsonObject, "invoiceNumber"), Lines(body)));
        });
        orders.MapPut("/shipment-packages/{packageId:long}/tracking-details", async (long packageId, HttpRequest request) =>
        {
            var body = await ReadJsonAsync(request);
            return body is null
                ? Error(SimulatorError.BadRequest("The body is not a JSON object."))
                : Answer(state.UpdateTracking(packageId, Text(body, "cargoSenderNumber"), Text(body, "providerCode")));
        });
        orders.MapPut("/shipment-packages/{packageId:long}/items/unsupplied", async (long packageId, HttpRequest request) =>
        {
            var body = await ReadJsonAsync(request);
            return body is null
                ? Error(SimulatorError.BadRequest("The body is not a JSON object."))
                : Answer(state.Unsupply(packageId, Lines(body), Integer(body, "reasonId")));
        });

        app.MapPost("/integration/inventory/sellers/{sellerId:long}/products/price-and-inventory", async (HttpRequest request) =>
        {
            var body = await ReadJsonAsync(request);
            if (body?["items"] is not JsonArray items || items.Any(i => i is not JsonObject))
            {
                return Error(SimulatorError.BadRequest("items must be an array of objects."));
            }

            var parsed = items.Cast<JsonObject>().Select(i => new TrendyolStockItem(Text(i, "barcode") ?? "", Integer(i, "quantity"))).ToList();
            var (batchRequestId, error) = state.UpdateStock(parsed, body.ToJsonString());
            return error is not null ? Error(error) : Results.Json(new { batchRequestId });
        });
    }

    /// <summary>Every API call: User-Agent first (403 without it), then Basic auth for this seller (401), then the
    /// per-endpoint rate limit (429).</summary>
    private static async Task GateAsync(HttpContext context, RequestDelegate next, TrendyolSimulatorState state, RequestWindowCounter limiter, TrendyolSimulatorOptions options)
    {
        if (!context.Request.Path.StartsWithSegments("/integration"))
        {
            await next(context);
            return;
        }

        var userAgent = UserAgentPattern().Match(context.Request.Headers.UserAgent.ToString());
        if (!userAgent.Success || userAgent.Groups["seller"].Value != options.SellerId.ToString(CultureInfo.InvariantCulture))
        {
            await WriteErrorAsync(context, StatusCodes.Status403Forbidden, "AccessDeniedException", "A User-Agent '{sellerId} - {IntegratorName}' is required.");
            return;
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ApiKey}:{options.ApiSecret}"));
        var sellerInPath = context.GetRouteValue("sellerId")?.ToString();
        if (context.Request.Headers.Authorization.ToString() != expected
            || sellerInPath != options.SellerId.ToString(CultureInfo.InvariantCulture))
        {
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "ClientApiAuthenticationException", "Unauthorized");
            return;
        }

        if (options.RequiredStoreFrontCode is { } storeFront && context.Request.Headers["storeFrontCode"] != storeFront)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "ClientApiException", "storeFrontCode header is required.");
            return;
        }

        var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        if (!limiter.TryTake($"{context.Request.Method} {endpoint}").Allowed)
        {
            state.CountRateLimitRejection();
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await context.Response.WriteAsync("too.many.requests");
            return;
        }

        await next(context);
    }

    private static IResult ListPackages(HttpRequest request, TrendyolSimulatorState state, TimeProvider time)
    {
        var q = request.Query;
        if (!TryInt(q["page"], 0, out var page) || page < 0)
        {
            return Error(SimulatorError.BadRequest("page must be a number from 0."));
        }

        if (!TryInt(q["size"], 50, out var size) || size is < 1 or > MaxPageSize)
        {
            return Error(SimulatorError.BadRequest($"size must be between 1 and {MaxPageSize}."));
        }

        if ((long)(page + 1) * size > MaxQueryWindowRecords)
        {
            return Error(SimulatorError.BadRequest($"maxQueryWindowResult: only the first {MaxQueryWindowRecords} records can be paged through."));
        }

        HashSet<string>? statuses = null;
        if (!string.IsNullOrEmpty(q["status"]))
        {
            statuses = q["status"].ToString().Split(',', StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (statuses.FirstOrDefault(s => !TrendyolStatuses.All.Contains(s)) is { } unknown)
            {
                return Error(SimulatorError.BadRequest($"Unknown status '{unknown}'."));
            }
        }

        HashSet<long>? packageIds = null;
        if (!string.IsNullOrEmpty(q["shipmentPackageIds"]))
        {
            packageIds = [];
            foreach (var id in q["shipmentPackageIds"].ToString().Split(',', StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                {
                    return Error(SimulatorError.BadRequest("shipmentPackageIds must be numbers."));
                }

                packageIds.Add(parsed);
            }
        }

        var orderByField = q["orderByField"].ToString();
        var direction = q["orderByDirection"].ToString();
        if (orderByField is not ("" or "PackageLastModifiedDate" or "CreatedDate") || direction is not ("" or "ASC" or "DESC"))
        {
            return Error(SimulatorError.BadRequest("orderByField is PackageLastModifiedDate or CreatedDate; orderByDirection is ASC or DESC."));
        }

        var orderNumber = string.IsNullOrEmpty(q["orderNumber"]) ? null : q["orderNumber"].ToString();
        var (from, to, dateError) = DateWindow(q["startDate"], q["endDate"], byIdentity: orderNumber is not null || packageIds is not null, time.GetUtcNow());
        if (dateError is not null)
        {
            return Error(dateError);
        }

        var query = new PackageQuery(page, size, from, to, orderNumber, packageIds, statuses, orderByField == "CreatedDate", direction == "DESC");
        return Results.Content(state.QueryPackages(query).ToJsonString(), JsonContentType);
    }

    /// <summary>The documented window rules: epoch ms, at most 2 weeks, at most 3 months back; no dates = about the last
    /// week. A lookup by order number or package id without dates is not limited to a window (our reading of the docs).</summary>
    private static (DateTimeOffset? From, DateTimeOffset? To, SimulatorError? Error) DateWindow(string? start, string? end, bool byIdentity, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(start) && string.IsNullOrEmpty(end))
        {
            return byIdentity ? (null, null, null) : (now - DefaultDateRange, now, null);
        }

        if (!TryMillis(start, out var from) | !TryMillis(end, out var to))
        {
            return (null, null, SimulatorError.BadRequest("startDate and endDate must be epoch milliseconds."));
        }

        from ??= (to ?? now) - DefaultDateRange;
        to ??= now;
        if (to < from)
        {
            return (null, null, SimulatorError.BadRequest("endDate is before startDate."));
        }

        if (to - from > MaxDateRange)
        {
            return (null, null, SimulatorError.BadRequest("The date range can be at most 2 weeks."));
        }

        return from < now - History
            ? (null, null, SimulatorError.BadRequest("Orders can be queried at most 3 months back."))
            : (from, to, null);
    }

    private static bool TryMillis(string? value, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return false;
        }

        at = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return true;
    }

    private static bool TryInt(string? value, int fallback, out int result)
    {
        result = fallback;
        return string.IsNullOrEmpty(value) || int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
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

    private static int? Integer(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private static List<TrendyolLineQuantity> Lines(JsonObject body) =>
        body["lines"] is JsonArray lines
            ? lines.OfType<JsonObject>()
                .Select(l => new TrendyolLineQuantity(l["lineId"] is JsonValue v && v.TryGetValue<long>(out var id) ? id : 0, Integer(l, "quantity") ?? 0))
                .ToList()
            : [];

    private static IResult Answer(SimulatorError? error) => error is null ? Results.Ok() : Error(error);

    private static IResult Error(SimulatorError error) => Results.Json(
        ErrorBody(error.Status == StatusCodes.Status404NotFound ? "ClientApiNotFoundException" : "ClientApiBusinessException", error.Message),
        statusCode: error.Status);

    private static Task WriteErrorAsync(HttpContext context, int status, string exception, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ErrorBody(exception, message));
    }

    private static object ErrorBody(string exception, string message) => new
    {
        timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        exception,
        errors = new[] { new { key = exception, message } },
    };

    [GeneratedRegex(@"^(?<seller>\d+) - (?<name>[A-Za-z0-9]{1,30})$")]
    private static partial Regex UserAgentPattern();
}

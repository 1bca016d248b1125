using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Primitives;

namespace OrderFunctions.Sandbox.WooCommerce;

/// <summary>
/// The HTTP face of the simulator: the <c>/wp-json/wc/v3</c> routes the reference describes (orders list, create,
/// retrieve, update; products by SKU; webhooks), consumer key/secret authentication (Basic or query string), and
/// WordPress paging headers (<c>X-WP-Total</c>, <c>X-WP-TotalPages</c>, <c>Link</c>).
/// </summary>
internal static class WooCommerceRestApi
{
    public const string Root = "/wp-json/wc/v3";

    private static readonly string[] OrderBys = ["date", "id", "include", "title", "slug", "modified"];

    public static void Map(WebApplication app, WooCommerceSimulator simulator)
    {
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/wp-json"))
            {
                await next(context);
                return;
            }

            simulator.RecordRequest(context.Request.Method, context.Request.Path);
            try
            {
                Authenticate(context.Request, simulator);
                await next(context);
            }
            catch (WooCommerceError error)
            {
                await WriteAsync(context.Response, error.Status, error.ToJson());
            }
        });

        app.MapGet($"{Root}/orders", (HttpContext context) => ListOrders(context, simulator));
        app.MapPost($"{Root}/orders", async (HttpContext context) =>
        {
            if (simulator.TakeRejectedCreate() is { } rejected)
            {
                await WriteAsync(context.Response, (int)rejected, new JsonObject { ["code"] = "internal_server_error", ["message"] = "There has been a critical error on this website." });
                return;
            }

            var created = simulator.Store.CreateOrder(await ReadBodyAsync(context.Request));
            if (simulator.TakeLostCreateResponse() is { } lost)
            {
                if (lost.Answer is { } status)
                {
                    await WriteAsync(context.Response, (int)status, new JsonObject { ["code"] = "gateway_timeout", ["message"] = "The upstream timed out." });
                }
                else
                {
                    context.Abort();
                }

                return;
            }

            await WriteAsync(context.Response, StatusCodes.Status201Created, created);
        });
        app.MapGet($"{Root}/orders/{{id:int}}", (HttpContext context, int id) =>
            WriteAsync(context.Response, 200, simulator.Store.GetOrder(id) ?? throw WooCommerceError.NotFound()));
        app.MapMethods($"{Root}/orders/{{id:int}}", ["PUT", "POST", "PATCH"], async (HttpContext context, int id) =>
            await WriteAsync(context.Response, 200, simulator.Store.UpdateOrder(id, await ReadBodyAsync(context.Request))));
        app.MapGet($"{Root}/products", (HttpContext context) => ListProducts(context, simulator));
        app.MapGet($"{Root}/products/{{id:int}}", (HttpContext context, int id) =>
            WriteAsync(context.Response, 200, simulator.Store.Product(id) ?? throw new WooCommerceError(404, "woocommerce_rest_product_invalid_id", "Invalid ID.")));
        app.MapPost($"{Root}/webhooks", async (HttpContext context) =>
        {
            var body = await ReadBodyAsync(context.Request);
            var topic = (string?)body["topic"] ?? throw WooCommerceError.InvalidParam("topic", "topic is required.");
            var url = Uri.TryCreate((string?)body["delivery_url"], UriKind.Absolute, out var parsed) ? parsed : throw WooCommerceError.InvalidParam("delivery_url", "delivery_url is not a valid URL.");
            var webhook = simulator.Store.AddWebhook(topic, url, (string?)body["secret"] ?? Guid.NewGuid().ToString("N"));
            await WriteAsync(context.Response, StatusCodes.Status201Created, new JsonObject
            {
                ["id"] = webhook.Id,
                ["name"] = (string?)body["name"] ?? topic,
                ["status"] = webhook.Status,
                ["topic"] = webhook.Topic,
                ["resource"] = topic.Split('.')[0],
                ["event"] = topic.Split('.').ElementAtOrDefault(1),
                ["delivery_url"] = url.AbsoluteUri,
            });
        });
    }

    private static void Authenticate(HttpRequest request, WooCommerceSimulator simulator)
    {
        string? key = null;
        string? secret = null;
        var authorization = simulator.Options.DropAuthorizationHeader ? StringValues.Empty : request.Headers.Authorization;
        if (authorization.ToString() is { Length: > 6 } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            (key, secret) = colon < 0 ? (decoded, "") : (decoded[..colon], decoded[(colon + 1)..]);
        }
        else if (request.Query.TryGetValue("consumer_key", out var queryKey))
        {
            key = queryKey;
            secret = request.Query["consumer_secret"];
        }

        if (key is null)
        {
            throw new WooCommerceError(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
        }

        if (!simulator.CredentialsValid || key != simulator.Options.ConsumerKey)
        {
            throw new WooCommerceError(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.");
        }

        if (secret != simulator.Options.ConsumerSecret)
        {
            throw new WooCommerceError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid.");
        }
    }

    private static async Task ListOrders(HttpContext context, WooCommerceSimulator simulator)
    {
        var query = context.Request.Query;
        var page = IntParam(query, "page", 1, 1, int.MaxValue);
        var perPage = IntParam(query, "per_page", 10, 1, 100);
        var orderBy = query["orderby"].FirstOrDefault() ?? "date";
        if (!OrderBys.Contains(orderBy))
        {
            throw WooCommerceError.InvalidParam("orderby", $"orderby is not one of {string.Join(", ", OrderBys)}.");
        }

        var datesAreGmt = query["dates_are_gmt"].FirstOrDefault() is "true" or "1";
        var statuses = query["status"].Concat(query["status[]"]).SelectMany(s => s!.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var all = simulator.Store.Query(new OrderQuery(
            statuses.Count == 0 || statuses.Contains("any") ? null : statuses,
            DateParam(query, "modified_after", datesAreGmt, simulator),
            DateParam(query, "modified_before", datesAreGmt, simulator),
            DateParam(query, "after", datesAreGmt, simulator),
            DateParam(query, "before", datesAreGmt, simulator),
            query["search"].FirstOrDefault(),
            orderBy,
            query["order"].FirstOrDefault() == "asc"));

        if (simulator.IgnorePerPage)
        {
            perPage = Math.Max(all.Count, 1);
            page = 1;
        }

        var totalPages = (all.Count + perPage - 1) / perPage;
        var items = all.Skip((page - 1) * perPage).Take(perPage);
        var response = context.Response;
        response.Headers["X-WP-Total"] = all.Count.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-WP-TotalPages"] = totalPages.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        if (page > 1)
        {
            links.Add($"<{PageUrl(context.Request, page - 1)}>; rel=\"prev\"");
        }

        if (page < totalPages)
        {
            links.Add($"<{PageUrl(context.Request, page + 1)}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            response.Headers.Link = string.Join(", ", links);
        }

        await WriteAsync(response, 200, new JsonArray([.. items]));
    }

    private static Task ListProducts(HttpContext context, WooCommerceSimulator simulator)
    {
        var skus = context.Request.Query["sku"].SelectMany(s => s!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var perPage = IntParam(context.Request.Query, "per_page", 10, 1, 100);
        var products = simulator.Store.ProductsBySku(skus);
        context.Response.Headers["X-WP-Total"] = products.Count.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-WP-TotalPages"] = ((products.Count + perPage - 1) / perPage).ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context.Response, 200, new JsonArray([.. products.Take(perPage)]));
    }

    private static int IntParam(IQueryCollection query, string name, int fallback, int min, int max)
    {
        var text = query[name].FirstOrDefault();
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw WooCommerceError.InvalidParam(name, $"{name} must be between {min} (inclusive) and {max} (inclusive)");
    }

    /// <summary>A date filter: with an explicit offset as written, otherwise in the site's time zone unless
    /// <c>dates_are_gmt</c> is set.</summary>
    private static DateTimeOffset? DateParam(IQueryCollection query, string name, bool datesAreGmt, WooCommerceSimulator simulator)
    {
        var text = query[name].FirstOrDefault();
        if (text is null)
        {
            return null;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
        {
            throw WooCommerceError.InvalidParam(name, $"{name} is not a valid date.");
        }

        return value.Kind switch
        {
            DateTimeKind.Utc => new DateTimeOffset(value),
            DateTimeKind.Local => new DateTimeOffset(value.ToUniversalTime()),
            _ => new DateTimeOffset(value, datesAreGmt ? TimeSpan.Zero : simulator.Options.SiteUtcOffset),
        };
    }

    private static string PageUrl(HttpRequest request, int page)
    {
        var query = request.Query.Where(p => p.Key != "page").SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))).ToList();
        query.Add(new("page", page.ToString(CultureInfo.InvariantCulture)));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject
                ?? throw new WooCommerceError(400, "rest_invalid_json", "Invalid JSON body passed.");
        }
        catch (JsonException)
        {
            throw new WooCommerceError(400, "rest_invalid_json", "Invalid JSON body passed.");
        }
    }

    private static Task WriteAsync(HttpResponse response, int status, JsonNode body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=UTF-8";
        return response.WriteAsync(body.ToJsonString());
    }

    /// <summary>How the next create's response is lost: dropped connection (null) or a proxy's status.</summary>
    internal sealed record LostResponse(HttpStatusCode? Answer);
}

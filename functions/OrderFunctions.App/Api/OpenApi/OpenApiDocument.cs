using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App.Api.OpenApi;

/// <summary>
/// The app's OpenAPI 3.1 document, written from the function catalog itself — every HTTP function, its route, methods
/// and key level as the host serves them — with the summaries and body types <see cref="ApiFunctions"/> declares, and
/// JSON schemas exported from the very types and serializer options the API reads and writes. So the document cannot
/// list a route that does not exist nor miss one that does.
/// </summary>
internal sealed class OpenApiDocument(FunctionCatalog catalog)
{
    public const string FunctionKeyScheme = "functionKey";

    private static readonly Dictionary<string, string[]> QueryParameters = new(StringComparer.Ordinal)
    {
        ["ListOrders"] = ["state", "pageSize", "continuationToken"],
    };

    private readonly Lazy<string> _json = new(() => Build(catalog).ToJsonString());

    public string Json => _json.Value;

    public static JsonObject Build(FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var schemas = new JsonObject();
        var paths = new JsonObject();
        foreach (var registration in catalog.Registrations)
        {
            if (registration.Definition.Trigger is not HttpTrigger http)
            {
                continue;
            }

            var path = catalog.RouteTemplate(http);
            if (paths[path] is not JsonObject item)
            {
                paths[path] = item = new JsonObject();
            }

            var operation = ApiFunctions.Find(registration.Name);
            foreach (var method in http.Methods)
            {
                item[method] = Operation(registration.Name, http, operation, schemas);
            }
        }

        schemas["ProblemDetails"] = Schema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails));
        schemas["ValidationProblemDetails"] = Schema(typeof(HttpValidationProblemDetails));
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "OrderFunctions API",
                ["version"] = typeof(OpenApiDocument).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
                ["description"] = "Administration, operations, queries and webhooks of the order-integration hub. Errors are RFC 9457 problem+json.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    [FunctionKeyScheme] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                },
                ["schemas"] = schemas,
            },
        };
    }

    private static JsonObject Operation(string name, HttpTrigger http, ApiOperation? operation, JsonObject schemas)
    {
        var result = new JsonObject
        {
            ["operationId"] = name,
            ["summary"] = operation?.Summary ?? name,
            ["tags"] = new JsonArray(operation?.Tag ?? "Diagnostics"),
            ["security"] = http.AuthLevel == AuthorizationLevel.Anonymous
                ? new JsonArray()
                : new JsonArray(new JsonObject { [FunctionKeyScheme] = new JsonArray() }),
        };

        var parameters = new JsonArray();
        foreach (var parameter in RouteParameters(http.Route))
        {
            parameters.Add(new JsonObject { ["name"] = parameter, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        foreach (var parameter in QueryParameters.GetValueOrDefault(name) ?? [])
        {
            parameters.Add(new JsonObject { ["name"] = parameter, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        if (operation?.Errors.Contains(StatusCodes.Status428PreconditionRequired) == true)
        {
            parameters.Add(new JsonObject { ["name"] = "If-Match", ["in"] = "header", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        if (parameters.Count > 0)
        {
            result["parameters"] = parameters;
        }

        if (operation?.RequestBody is { } body)
        {
            result["requestBody"] = new JsonObject
            {
                ["required"] = operation.Method != "post" || body.Name is not ("SyncInput" or "RejectOrderInput"),
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(body, schemas) } },
            };
        }

        var responses = new JsonObject();
        var success = new JsonObject { ["description"] = "Success" };
        if (operation?.Response is { } response)
        {
            success["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(response, schemas) } };
        }

        responses[(operation?.SuccessStatus ?? 200).ToString(System.Globalization.CultureInfo.InvariantCulture)] = success;
        foreach (var status in operation?.Errors ?? [])
        {
            var schema = status == StatusCodes.Status400BadRequest ? "ValidationProblemDetails" : "ProblemDetails";
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["description"] = ReasonPhrase(status),
                ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schema}" } } },
            };
        }

        result["responses"] = responses;
        return result;
    }

    /// <summary>The parameter names of a route template, e.g. <c>integrationId</c> of <c>integrations/{integrationId}</c>.</summary>
    public static IEnumerable<string> RouteParameters(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var start = route.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = route.IndexOf('}', start);
            yield return route[(start + 1)..end].Split(':', '?', '=')[0].TrimStart('*');
            start = route.IndexOf('{', end);
        }
    }

    private static JsonObject Reference(Type type, JsonObject schemas)
    {
        if (!schemas.ContainsKey(type.Name))
        {
            schemas[type.Name] = Schema(type);
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    private static JsonNode Schema(Type type) => ApiJson.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true });

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}

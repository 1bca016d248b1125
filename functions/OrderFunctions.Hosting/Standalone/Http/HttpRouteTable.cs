using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Standalone.Http;

/// <summary>One HTTP function's route under the route prefix, e.g. <c>api/orders/{id:int?}</c>.</summary>
internal sealed class HttpRoute
{
    private readonly TemplateMatcher _matcher;
    private readonly IReadOnlyDictionary<string, IRouteConstraint> _constraints;
    private readonly HashSet<string>? _methods;

    public HttpRoute(string functionName, HttpTrigger trigger, string template, RouteTemplate parsed, IReadOnlyDictionary<string, IRouteConstraint> constraints)
    {
        FunctionName = functionName;
        AuthLevel = trigger.AuthLevel;
        Template = template;
        Precedence = RoutePrecedence.ComputeInbound(parsed);
        _matcher = new TemplateMatcher(parsed, new RouteValueDictionary());
        _constraints = constraints;

        // No methods listed means every method, as in function.json.
        _methods = trigger.Methods.Count == 0 ? null : new HashSet<string>(trigger.Methods, StringComparer.OrdinalIgnoreCase);
    }

    public string FunctionName { get; }

    public AuthorizationLevel AuthLevel { get; }

    public string Template { get; }

    public decimal Precedence { get; }

    public string Methods => _methods is null ? "*" : string.Join(",", _methods.Select(m => m.ToUpperInvariant()).Order(StringComparer.Ordinal));

    public bool Matches(HttpContext context)
    {
        var values = new RouteValueDictionary();
        if (!_matcher.TryMatch(context.Request.Path, values))
        {
            return false;
        }

        foreach (var (name, constraint) in _constraints)
        {
            if (!constraint.Match(context, null, name, values, RouteDirection.IncomingRequest))
            {
                return false;
            }
        }

        return _methods is null || _methods.Contains(context.Request.Method);
    }
}

/// <summary>
/// The host's HTTP routing for functions: ASP.NET route templates (parameters, optional parameters, inline
/// constraints, catch-alls) under <c>/{routePrefix}/</c>, the more specific template first, and the method list as
/// part of the match — so a known path with a method the function does not accept is a 404, as the host answers
/// (azure-functions-host#10098), not a 405.
/// </summary>
internal sealed class HttpRouteTable
{
    private readonly IReadOnlyList<HttpRoute> _routes;

    private HttpRouteTable(IReadOnlyList<HttpRoute> routes) => _routes = routes;

    public IReadOnlyList<HttpRoute> Routes => _routes;

    public static HttpRouteTable Build(IEnumerable<FunctionDefinition> functions, string routePrefix, IInlineConstraintResolver constraintResolver)
    {
        var routes = new List<HttpRoute>();
        foreach (var function in functions)
        {
            if (function.Trigger is HttpTrigger trigger)
            {
                routes.Add(CreateRoute(function.Name, trigger, routePrefix, constraintResolver));
            }
        }

        // Stable: equally specific routes keep declaration order.
        return new HttpRouteTable([.. routes.OrderBy(r => r.Precedence)]);
    }

    public HttpRoute? Match(HttpContext context) => _routes.FirstOrDefault(route => route.Matches(context));

    private static HttpRoute CreateRoute(string functionName, HttpTrigger trigger, string routePrefix, IInlineConstraintResolver constraintResolver)
    {
        // The host's default route is the function name.
        var route = string.IsNullOrWhiteSpace(trigger.Route) ? functionName : trigger.Route.Trim('/');
        var template = routePrefix.Length == 0 ? route : $"{routePrefix}/{route}";
        try
        {
            var parsed = TemplateParser.Parse(template);
            var constraints = new RouteConstraintBuilder(constraintResolver, template);
            foreach (var parameter in parsed.Parameters)
            {
                foreach (var inline in parameter.InlineConstraints)
                {
                    constraints.AddResolvedConstraint(parameter.Name!, inline.Constraint);
                }

                if (parameter.IsOptional)
                {
                    constraints.SetOptional(parameter.Name!);
                }
            }

            return new HttpRoute(functionName, trigger, template, parsed, constraints.Build().AsReadOnly());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new StandaloneConfigurationException($"HTTP function '{functionName}': route '{trigger.Route}' is not a valid route template: {e.Message}", e);
        }
    }
}

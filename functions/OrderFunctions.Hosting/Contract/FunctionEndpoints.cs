using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Contract;

/// <summary>Registers a <see cref="FunctionCatalog"/>, answers the Functions host's readiness probe and maps the
/// endpoints it calls.</summary>
public static class FunctionEndpoints
{
    /// <summary>Prefix of the function log categories (<c>Function.{Name}</c>, as the host names them).</summary>
    public const string FunctionLogCategoryPrefix = "Function";

    /// <summary>The catalog, its function classes (request-scoped, so one instance per invocation), the dispatcher and
    /// the <see cref="HostReadiness"/> that <c>GET /</c> completes.</summary>
    public static IServiceCollection AddFunctionCatalog(this IServiceCollection services, FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        services.AddSingleton(catalog);
        services.AddSingleton<InvocationDispatcher>();
        services.TryAddSingleton<HostReadiness>();
        foreach (var registration in catalog.Registrations)
        {
            services.TryAddScoped(registration.FunctionType);
        }

        return services;
    }

    /// <summary>
    /// <c>GET /</c>, the host's readiness probe, answered ahead of routing: the route table (a route per HTTP function)
    /// is built on the first request that goes through routing, and that should not be the probe, whose answer is the
    /// handler's start time as the host sees it (issue 7). Completes <see cref="HostReadiness"/> once sent. Call it
    /// before <c>UseRouting</c>.
    /// </summary>
    public static IApplicationBuilder UseReadinessProbe(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var catalog = app.ApplicationServices.GetRequiredService<FunctionCatalog>();
        var readiness = app.ApplicationServices.GetRequiredService<HostReadiness>();
        var ready = InvocationResults.Ready(catalog.Registrations.Count);
        return app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != "/")
            {
                return next(context);
            }

            if (!readiness.Answered.IsCompleted)
            {
                context.Response.OnCompleted(() =>
                {
                    readiness.MarkAnswered();
                    return Task.CompletedTask;
                });
            }

            return ready.ExecuteAsync(context);
        });
    }

    /// <summary>
    /// <c>POST /{FunctionName}</c>: timer and queue invocations. <c>/{routePrefix}/{route}</c> for each HTTP function's
    /// methods: the request the host forwards unchanged (<c>enableForwardingHttpRequest</c>), so each route is declared
    /// once, in the catalog. The readiness probe is <see cref="UseReadinessProbe"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var catalog = endpoints.ServiceProvider.GetRequiredService<FunctionCatalog>();
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<InvocationDispatcher>();

        // Plain request delegates: no parameter-binding code to generate at start-up.
        endpoints.MapPost("/{functionName}", async context =>
        {
            var functionName = (string)context.Request.RouteValues["functionName"]!;
            var result = await dispatcher.InvokeAsync(functionName, context);
            await result.ExecuteAsync(context);
        });

        foreach (var registration in catalog.Registrations)
        {
            if (registration.Definition.Trigger is HttpTrigger http)
            {
                MapHttpFunction(endpoints, catalog.RouteTemplate(http), http.Methods, registration);
            }
        }

        return endpoints;
    }

    private static void MapHttpFunction(IEndpointRouteBuilder endpoints, string pattern, IReadOnlyList<string> methods, FunctionRegistration registration)
    {
        RequestDelegate handle = async context =>
        {
            var function = (IHttpFunction)context.RequestServices.GetRequiredService(registration.FunctionType);
            var result = await function.RunAsync(context, context.RequestAborted);
            await result.ExecuteAsync(context);
        };

        var endpoint = methods.Count == 0
            ? endpoints.Map(pattern, handle)
            : endpoints.MapMethods(pattern, [.. methods.Select(m => m.ToUpperInvariant())], handle);
        endpoint.WithName(registration.Name);
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone.Invocation;

namespace OrderFunctions.Hosting.Standalone.Http;

/// <summary>
/// The host's HTTP side on 127.0.0.1: route (404 when nothing matches, method included), key check (401), then
/// forward to the handler. A bare Kestrel with one terminal middleware — nothing else of ASP.NET's pipeline, so
/// nothing answers that the host would not.
/// </summary>
internal sealed class HttpFrontDoor : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpFrontDoor(WebApplication app, HttpRouteTable routes, Uri baseUri)
    {
        _app = app;
        Routes = routes;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public HttpRouteTable Routes { get; }

    public static async Task<HttpFrontDoor> StartAsync(
        int port,
        IReadOnlyList<FunctionDefinition> functions,
        string routePrefix,
        FunctionKeys keys,
        HandlerClient handler,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRoutingCore();
        var app = builder.Build();

        try
        {
            var routes = HttpRouteTable.Build(functions, routePrefix, app.Services.GetRequiredService<IInlineConstraintResolver>());
            var forwarder = new HttpForwarder(handler, time, loggerFactory.CreateLogger<HttpForwarder>());
            app.Run(context => HandleAsync(context, routes, keys, forwarder));

            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new HttpFrontDoor(app, routes, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static Task HandleAsync(HttpContext context, HttpRouteTable routes, FunctionKeys keys, HttpForwarder forwarder)
    {
        var route = routes.Match(context);
        if (route is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        if (!keys.Authorizes(route.AuthLevel, context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        return forwarder.ForwardAsync(context, route);
    }

    /// <summary>Stops accepting, and lets in-flight requests finish until <paramref name="cancellationToken"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

using System.Net;
using System.Text.Json;
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
        builder.Services.AddLogging(logging => logging
            .AddProvider(new ForwardingLoggerProvider(loggerFactory))
            .AddFilter(ServerLogFilter));
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

    /// <summary>The server's own logs: problems only, and never ASP.NET's request logging, which prints the full URL —
    /// a <c>code</c> key included. Each forwarded request is logged by <see cref="HttpForwarder"/>, without the query.</summary>
    private static bool ServerLogFilter(string? category, LogLevel level) =>
        level >= LogLevel.Warning && category?.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) != true;

    private static Task HandleAsync(HttpContext context, HttpRouteTable routes, FunctionKeys keys, HttpForwarder forwarder)
    {
        var route = routes.Match(context);
        if (route is null)
        {
            return ProblemAsync(context, StatusCodes.Status404NotFound, "Not found.", "No function serves this path with this method.");
        }

        if (!keys.Authorizes(route.AuthLevel, context.Request))
        {
            return ProblemAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized.", $"This function needs a key in the {FunctionKeys.KeyHeader} header (or the {FunctionKeys.KeyQueryParameter} query parameter).");
        }

        return forwarder.ForwardAsync(context, route);
    }

    /// <summary>The front door's own refusals as RFC 9457 problem+json, like every error of the app. (The Functions host
    /// in Azure answers these with an empty body; clients should go by the status.) The same text for every refusal of
    /// a kind, so it never tells which key exists.</summary>
    private static async Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("type", $"https://tools.ietf.org/html/rfc9110#section-15.5.{(status == StatusCodes.Status401Unauthorized ? 2 : 5)}");
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(body.ToArray(), context.RequestAborted);
    }

    /// <summary>Stops accepting, and lets in-flight requests finish until <paramref name="cancellationToken"/>.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    /// <summary>Hands the server's log lines to the runtime's logger factory.</summary>
    private sealed class ForwardingLoggerProvider(ILoggerFactory loggerFactory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => loggerFactory.CreateLogger(categoryName);

        public void Dispose()
        {
            // The factory belongs to the caller.
        }
    }
}

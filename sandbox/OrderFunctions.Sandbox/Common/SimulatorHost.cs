using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OrderFunctions.Sandbox.Common;

/// <summary>
/// Runs one simulator as its own small web server on 127.0.0.1 (port 0 = a free one), with the shared
/// <see cref="FaultInjector"/> in front and its control endpoints under <see cref="ControlPath"/>:
/// <c>POST /_sandbox/faults</c> with <c>{"failNext":2,"status":503}</c>, <c>{"throttleNext":1,"retryAfterSeconds":1}</c>,
/// <c>{"htmlNext":1}</c>, <c>{"latencyMs":500}</c> or <c>{"reset":true}</c>.
/// A simulator supplies its own services and endpoints through the two callbacks.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    public const string ControlPath = "/_sandbox";

    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, FaultInjector faults, Uri baseUri)
    {
        _app = app;
        Faults = faults;
        BaseUri = baseUri;
    }

    public FaultInjector Faults { get; }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:52011/</c>.</summary>
    public Uri BaseUri { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SimulatorHost> StartAsync(
        string name,
        int port,
        Action<IServiceCollection> configureServices,
        Action<WebApplication> mapEndpoints,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        ArgumentNullException.ThrowIfNull(mapEndpoints);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<FaultInjector>();
        configureServices(builder.Services);

        var app = builder.Build();
        var faults = app.Services.GetRequiredService<FaultInjector>();
        app.Use(faults.InvokeAsync);
        app.MapPost($"{ControlPath}/faults", (FaultRequest request) =>
        {
            if (request.Reset == true)
            {
                faults.Reset();
            }

            if (request.FailNext is > 0)
            {
                faults.FailNext(request.FailNext.Value, (HttpStatusCode)(request.Status ?? 503));
            }

            if (request.ThrottleNext is > 0)
            {
                faults.ThrottleNext(request.ThrottleNext.Value, TimeSpan.FromSeconds(request.RetryAfterSeconds ?? 1));
            }

            if (request.HtmlNext is > 0)
            {
                faults.HtmlErrorPageNext(request.HtmlNext.Value);
            }

            if (request.LatencyMs is not null)
            {
                faults.Latency = TimeSpan.FromMilliseconds(request.LatencyMs.Value);
            }

            return Results.Json(new { simulator = name, ok = true });
        });
        mapEndpoints(app);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var actualPort = new Uri(address).Port;
        return new SimulatorHost(app, faults, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{actualPort}/")));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record FaultRequest(bool? Reset, int? FailNext, int? Status, int? ThrottleNext, int? RetryAfterSeconds, int? HtmlNext, int? LatencyMs);
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Contract;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Tests.Contract;

/// <summary>The host's readiness probe (<c>GET /</c>) over real HTTP: answered ahead of routing, and
/// <see cref="HostReadiness"/> completes once the answer has been sent.</summary>
public sealed class ReadinessProbeTests : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly List<string> _pastTheProbe = [];
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var catalog = new FunctionCatalog()
            .AddQueue<NoOpQueue>("Consume", new QueueTrigger("work", "AzureWebJobsStorage"))
            .AddHttp<NoOpHttp>("Ping", new HttpTrigger("ping", ["get"], AuthorizationLevel.Anonymous));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddFunctionCatalog(catalog);
        _app = builder.Build();
        _app.UseReadinessProbe();
        _app.Use((context, next) =>
        {
            lock (_pastTheProbe)
            {
                _pastTheProbe.Add($"{context.Request.Method} {context.Request.Path}");
            }

            return next(context);
        });
        _app.UseRouting();
        _app.MapFunctions();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = HangGuard };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task TheProbeIsAnsweredWithTheFunctionCountAsJsonBeforeRouting()
    {
        using var response = await _client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""{"Status":"ready","Functions":2}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(_pastTheProbe);
    }

    [Fact]
    public async Task EveryOtherRequestGoesOnToTheFunctions()
    {
        using var ping = await _client.GetAsync(new Uri("/api/ping", UriKind.Relative));
        using var post = await _client.PostAsync(new Uri("/", UriKind.Relative), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NoContent, ping.StatusCode);
        Assert.Equal(["GET /api/ping", "POST /"], _pastTheProbe);
    }

    [Fact]
    public async Task ReadinessCompletesOnlyOnceTheProbeHasBeenAnswered()
    {
        var readiness = _app.Services.GetRequiredService<HostReadiness>();
        using (var other = await _client.GetAsync(new Uri("/api/ping", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, other.StatusCode);
        }

        Assert.False(readiness.Answered.IsCompleted);

        using var probe = await _client.GetAsync(new Uri("/", UriKind.Relative));

        await readiness.Answered.WaitAsync(HangGuard);
    }

    private sealed class NoOpQueue : IQueueFunction
    {
        public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class NoOpHttp : IHttpFunction
    {
        public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) => Task.FromResult(Results.NoContent());
    }
}

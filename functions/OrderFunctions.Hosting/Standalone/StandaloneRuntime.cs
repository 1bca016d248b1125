using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Standalone;

/// <summary>What the standalone runtime needs: the host.json it obeys, the functions it drives, where the handler
/// listens, the app settings (connections, <c>%Setting%</c> schedules) and the keys its HTTP front door accepts.</summary>
public sealed class StandaloneRuntimeOptions
{
    public required string HostJsonPath { get; init; }

    public required IReadOnlyList<FunctionDefinition> Functions { get; init; }

    /// <summary>The handler's base address, e.g. <c>http://127.0.0.1:51234</c>.</summary>
    public required Uri HandlerUri { get; init; }

    public required IConfiguration Configuration { get; init; }

    /// <summary>The front door's port on 127.0.0.1; 0 picks a free one (see <see cref="StandaloneRuntime.HttpBaseUri"/>).</summary>
    public int HttpPort { get; init; } = 7071;

    /// <summary>Accepted for <c>function</c>-level routes (header <c>x-functions-key</c> or query <c>code</c>).</summary>
    public required string FunctionKey { get; init; }

    /// <summary>Accepted for every route, and the only key for <c>admin</c>-level routes.</summary>
    public required string MasterKey { get; init; }
}

/// <summary>
/// Drives a custom handler the way the Functions host does (DESIGN D3): NCRONTAB timers, queue polling with
/// back-off, visibility timeout, <c>maxDequeueCount</c> and <c>&lt;queue&gt;-poison</c>, and HTTP routes under the
/// route prefix with function keys, sending the host's exact payloads.
/// </summary>
public sealed class StandaloneRuntime : IAsyncDisposable
{
    public static Task<StandaloneRuntime> StartAsync(StandaloneRuntimeOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>The HTTP front door, e.g. <c>http://127.0.0.1:7071</c>.</summary>
    public Uri HttpBaseUri => throw new NotImplementedException();

    public Task StopAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}

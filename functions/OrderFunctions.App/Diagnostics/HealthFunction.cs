using System.Reflection;
using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.App.Diagnostics;

/// <summary><c>GET /api/health</c> (anonymous): the handler is up and which build it runs.</summary>
internal sealed class HealthFunction(TimeProvider time) : IHttpFunction
{
    private static readonly string Version =
        typeof(HealthFunction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public Task<IResult> RunAsync(HttpContext context, CancellationToken cancellationToken) =>
        Task.FromResult<IResult>(TypedResults.Ok(new HealthReport("healthy", Version, time.GetUtcNow())));
}

internal sealed record HealthReport(string Status, string Version, DateTimeOffset Time);

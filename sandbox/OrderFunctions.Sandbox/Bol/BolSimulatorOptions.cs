namespace OrderFunctions.Sandbox.Bol;

/// <summary>How a <see cref="BolSimulator"/> behaves. Defaults follow reference B; the rate limits bol really uses
/// are not published, so the budget here is a setting.</summary>
public sealed record BolSimulatorOptions
{
    /// <summary>0 = a free port.</summary>
    public int Port { get; init; }

    public string ClientId { get; init; } = "sandbox-client-id";

    public string ClientSecret { get; init; } = "sandbox-client-secret";

    /// <summary>The simulator's clock (token expiry, change filters, process timestamps, rate-limit windows).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>bol's tokens are short-lived (client fixtures: <c>expires_in: 299</c>).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(299);

    /// <summary>Requests per endpoint (method + route) per <see cref="RateLimitWindow"/>, reported in the
    /// <c>x-ratelimit-*</c> headers; over it, 429 with <c>Retry-After</c>.</summary>
    public int RequestsPerWindow { get; init; } = 100;

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How many reads of a process status still answer PENDING before it completes.</summary>
    public int ProcessReadsWhilePending { get; init; } = 1;
}

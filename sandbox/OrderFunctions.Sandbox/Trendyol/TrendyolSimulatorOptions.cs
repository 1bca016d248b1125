namespace OrderFunctions.Sandbox.Trendyol;

/// <summary>How a <see cref="TrendyolSimulator"/> behaves. The defaults are Trendyol's documented values
/// (../shared/reference/marketplace-and-shop-apis.md, section A).</summary>
public sealed record TrendyolSimulatorOptions
{
    /// <summary>0 = a free port.</summary>
    public int Port { get; init; }

    public long SellerId { get; init; } = 1001;

    public string ApiKey { get; init; } = "sandbox-api-key";

    public string ApiSecret { get; init; } = "sandbox-api-secret";

    /// <summary>The simulator's clock (package dates, date-window checks, the 15-minute stock rule, rate limits).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>"At most 50 requests to the same endpoint per 10 s"; the 51st gets 429 <c>too.many.requests</c>.</summary>
    public int RequestsPerWindow { get; init; } = 50;

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The international storefronts require a <c>storeFrontCode</c> header on every call.</summary>
    public string? RequiredStoreFrontCode { get; init; }
}

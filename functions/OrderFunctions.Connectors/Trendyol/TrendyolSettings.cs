namespace OrderFunctions.Connectors.Trendyol;

/// <summary>Tuning of the Trendyol connector; the defaults are Trendyol's documented limits.</summary>
public sealed record TrendyolSettings
{
    /// <summary>Packages per list page (Trendyol allows at most 200; its own recommended poll uses 50).</summary>
    public int ListPageSize { get; init; } = 50;

    /// <summary>The client-side limit: "at most 50 requests to the same endpoint per 10 s".</summary>
    public int RequestsPerWindow { get; init; } = 50;

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ListPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListPageSize, TrendyolApi.MaxPageSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(RequestsPerWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RateLimitWindow, TimeSpan.Zero);
    }
}

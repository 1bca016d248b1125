namespace OrderFunctions.Sandbox.Demo;

/// <summary>The pace of the demo traffic (<c>--demo</c>). The defaults fit the demo integrations' 10 s polls and 30 s
/// tracking wait (docs/demo.md); tests shorten them.</summary>
public sealed record DemoOptions
{
    /// <summary>How often the driver looks at the simulators and acts.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Each marketplace receives one new order this often.</summary>
    public TimeSpan PlaceEvery { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How long the merchant (or the customer) takes to act once the hub has created the order in the shop.</summary>
    public TimeSpan HandlingDelay { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How long after completing a "late" order the merchant adds its tracking code (within the 30 s wait).</summary>
    public TimeSpan LateTrackingDelay { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>How often the per-integration summary is printed.</summary>
    public TimeSpan SummaryEvery { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>New orders stop after this many per marketplace (a demo left running does not grow without end).</summary>
    public int MaxOrdersPerMarketplace { get; init; } = 500;
}

namespace OrderFunctions.Sandbox.Demo;

/// <summary>What happens to a demo order once the hub has created it in the shop.</summary>
public enum DemoPlan
{
    /// <summary>The merchant completes it with a tracking code: the hub pushes the code and closes the order.</summary>
    WithTracking,

    /// <summary>Completed without a code, the code added later (before the tracking wait ends): the hub ships with it.</summary>
    LateTracking,

    /// <summary>Completed without a code and none follows: the hub ships without one when the tracking wait ends.</summary>
    NoTracking,

    /// <summary>The merchant cancels it in the shop: the hub cancels the lines on the marketplace.</summary>
    MerchantCancels,

    /// <summary>The customer cancels it on the marketplace: the hub cancels it in the shop.</summary>
    CustomerCancels,
}

internal static class DemoPlans
{
    // A fixed cycle rather than chance: every path shows up within the first five orders of each marketplace (the
    // slowest, waiting out the tracking wait, second), i.e. within about a minute of the start.
    private static readonly DemoPlan[] Cycle =
    [
        DemoPlan.WithTracking, DemoPlan.NoTracking, DemoPlan.LateTracking, DemoPlan.CustomerCancels, DemoPlan.MerchantCancels,
        DemoPlan.WithTracking, DemoPlan.WithTracking, DemoPlan.LateTracking, DemoPlan.WithTracking, DemoPlan.WithTracking,
    ];

    public static DemoPlan ForOrder(int index) => Cycle[index % Cycle.Length];

    public static string Describe(DemoPlan plan, string marketplace, bool marketplaceLabel) => plan switch
    {
        DemoPlan.NoTracking when marketplaceLabel => $"the merchant will complete it without a code of its own ({marketplace}'s label applies)",
        DemoPlan.WithTracking => "the merchant will complete it with a tracking code",
        DemoPlan.LateTracking => "the merchant will complete it and add the tracking code later",
        DemoPlan.NoTracking => "the merchant will complete it without a tracking code",
        DemoPlan.MerchantCancels => "the merchant will cancel it in the shop",
        DemoPlan.CustomerCancels => $"the customer will cancel it on {marketplace}",
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, null),
    };
}

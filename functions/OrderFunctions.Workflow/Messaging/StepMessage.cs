using System.Text.Json.Serialization;
using OrderFunctions.Workflow.Orders;

namespace OrderFunctions.Workflow.Messaging;

/// <summary>
/// A per-order step on the <c>workflow-steps</c> queue (version 1). Small on purpose: it names the order and what to
/// do; data that may have changed (the marketplace order, the shop order) is read again when the step runs.
/// A step whose <see cref="Due"/> lies in the future is a timer; one that arrives early is put back with the rest of
/// its delay (queue delays end at 7 days, so longer timers are chained).
/// <code>{"v":1,"order":"ty-woo:1001","step":"tracking-deadline","due":"2025-07-01T15:00:00+00:00"}</code>
/// </summary>
public sealed record StepMessage
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The <see cref="OrderKey.Value"/>.</summary>
    public required string Order { get; init; }

    /// <summary>One of <see cref="StepKinds"/>.</summary>
    public required string Step { get; init; }

    public DateTimeOffset? Due { get; init; }

    /// <summary>The status of a <see cref="StepKinds.SetStatus"/> step.</summary>
    public string? Status { get; init; }

    /// <summary>The cancellation reason of a <see cref="StepKinds.Reject"/> step, or the failure of a <see cref="StepKinds.Fail"/> step.</summary>
    public string? Reason { get; init; }

    public int? Attempts { get; init; }
}

/// <summary>The values of <see cref="StepMessage.Step"/>.</summary>
public static class StepKinds
{
    /// <summary>Do whatever the order is owed now (sweeper, or a step deferred while another executor held the order).</summary>
    public const string Drive = "drive";

    /// <summary>Read the marketplace order again and decide on it.</summary>
    public const string MarketplaceChanged = "marketplace-changed";

    /// <summary>Read the shop order again and decide on it.</summary>
    public const string ShopChanged = "shop-changed";

    public const string TrackingDeadline = "tracking-deadline";

    public const string Confirm = "confirm";

    public const string Reject = "reject";

    public const string SetStatus = "set-status";

    /// <summary>Read both sides again and bring a Failed or Held order back into the flow.</summary>
    public const string Resync = "resync";

    /// <summary>Move the order to Failed (a step that gave up while another executor held the order).</summary>
    public const string Fail = "fail";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Drive, MarketplaceChanged, ShopChanged, TrackingDeadline, Confirm, Reject, SetStatus, Resync, Fail,
    };
}

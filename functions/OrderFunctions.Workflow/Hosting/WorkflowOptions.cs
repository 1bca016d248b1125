using System.ComponentModel.DataAnnotations;

namespace OrderFunctions.Workflow.Hosting;

/// <summary>The <c>Workflow</c> section (app settings <c>Workflow__LeaseDuration</c>, …). Every value has a production
/// default; tests shorten the times.</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "Workflow";

    /// <summary>How long an executor owns an order while it performs remote effects; others wait for it. Longer than the
    /// slowest chain of remote calls, short enough that a crashed executor's orders move on soon.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far past its <c>NextActionAt</c> an order must be before the sweeper re-drives it (so orders still
    /// being worked on are left alone).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>After an asynchronous shipment push (bol.com), when to ask for its outcome if the marketplace poll has not
    /// seen the order shipped by then (the sweeper asks). Longer than the poll interval, so the poll usually settles it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ShipmentProgressInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Each poll re-reads this much before the previous poll's end, for clock skew and late writes on the
    /// platforms; orders already handled in the overlap are remembered in the checkpoint and skipped.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00")]
    public TimeSpan PollOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far back an integration's very first poll looks.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan FirstPollLookback { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a queued or running poll holds its integration's poll claim before it must renew it; a running
    /// poll renews it every third of this (a heartbeat), and no other poll of the integration is queued or runs
    /// meanwhile. A crashed poll's claim lapses after this long, and only then is the integration polled again: keep it
    /// short (the chaos run showed a 2-minute claim holding both integrations for minutes after each SIGKILL).</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan PollClaimDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Orders a poll works on at the same time.</summary>
    [Range(1, 32)]
    public int PollParallelism { get; set; } = 4;

    /// <summary>How long a step waits before it is retried after a transient failure in a poll or an operator action
    /// (queue retries of steps follow host.json's <c>visibilityTimeout</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long integrations and status maps are cached per instance; edits through this instance apply at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan IntegrationCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Must equal host.json <c>extensions.queues.maxDequeueCount</c>: the attempt on which a failing step
    /// moves its order to Failed instead of failing again.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;
}

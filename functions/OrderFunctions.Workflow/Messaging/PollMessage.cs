using System.Text.Json.Serialization;

namespace OrderFunctions.Workflow.Messaging;

/// <summary>
/// "Poll this integration" on the <c>workflow-polls</c> queue (version 1). <see cref="Run"/> identifies the poll: a
/// scheduled run is done at most once (re-deliveries are recognised by the checkpoint), and it keys the run's
/// "new orders" notification. A back-fill (<see cref="Since"/> set) re-reads a window chosen by the operator, leaves the
/// checkpoint alone and reports progress in its run row.
/// <code>{"v":1,"integration":"ty-woo","run":"s20250701T120000000"}</code>
/// </summary>
public sealed record PollMessage
{
    public const int CurrentVersion = 1;

    /// <summary>How every back-fill's run id begins (scheduled runs begin with <c>s</c>): an order's <c>ReceivedInRun</c>
    /// tells whether a back-fill received it.</summary>
    public const string BackfillRunPrefix = "b";

    [JsonPropertyName("v")]
    public int Version { get; init; } = CurrentVersion;

    public required string Integration { get; init; }

    public required string Run { get; init; }

    public DateTimeOffset? Since { get; init; }

    [JsonIgnore]
    public bool IsBackfill => Since is not null;

    public static bool IsBackfillRun(string run) => run.StartsWith(BackfillRunPrefix, StringComparison.Ordinal);
}

using OrderFunctions.Workflow.Polling;

namespace OrderFunctions.App.Api.Operations;

/// <summary>Body of a sync: <see cref="Since"/> re-reads everything changed since then (a back-fill, at most 90 days);
/// left out, the last hour.</summary>
internal sealed record SyncInput(DateTimeOffset? Since);

/// <summary>A sync (poll run) and how far it got; <see cref="Done"/> once it completed.</summary>
internal sealed record SyncRunView(string IntegrationId, string RunId, string Status, bool Done, DateTimeOffset Since, DateTimeOffset QueuedAt, DateTimeOffset? CompletedAt, PollCounts Counts)
{
    public static SyncRunView From(PollRun run) => new(
        run.IntegrationId, run.RunId, run.Status, run.Status == PollRunStatus.Completed, run.Since, run.QueuedAt, run.CompletedAt, run.Counts);
}

internal sealed record RetryFailedResult(string IntegrationId, int Queued);

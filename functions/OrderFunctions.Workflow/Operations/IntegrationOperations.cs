using System.Globalization;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Polling;

namespace OrderFunctions.Workflow.Operations;

/// <summary>What an operator can do to a whole integration: poll it now, optionally re-reading a back-fill window,
/// and follow the run's progress.</summary>
public sealed class IntegrationOperations(IntegrationStore integrations, PollStateStore pollState, IWorkflowQueues queues, TimeProvider time)
{
    /// <summary>The longest back-fill (the marketplaces keep about three months of orders).</summary>
    public static readonly TimeSpan MaxBackfill = TimeSpan.FromDays(90);

    /// <summary>Queues a poll of the integration that re-reads everything changed since <paramref name="since"/> (default:
    /// the last hour). Returns the run, whose progress <see cref="GetPollRunAsync"/> reads.</summary>
    public async Task<PollRun> RepollAsync(string integrationId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var from = since ?? now - TimeSpan.FromHours(1);
        if (from > now || now - from > MaxBackfill)
        {
            throw new ArgumentOutOfRangeException(nameof(since), since, $"A back-fill starts in the past and at most {MaxBackfill.TotalDays} days ago.");
        }

        if (await integrations.GetAsync(integrationId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new IntegrationNotFoundException(integrationId);
        }

        var runId = PollMessage.BackfillRunPrefix + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var run = new PollRun(integrationId, runId, from, PollRunStatus.Queued, now, null, PollCounts.Zero);
        await pollState.CreateRunAsync(run, cancellationToken).ConfigureAwait(false);
        await queues.SendPollAsync(new PollMessage { Integration = integrationId, Run = runId, Since = from }, cancellationToken).ConfigureAwait(false);
        return run;
    }

    public Task<PollRun?> GetPollRunAsync(string integrationId, string runId, CancellationToken cancellationToken) =>
        pollState.GetRunAsync(integrationId, runId, cancellationToken);
}

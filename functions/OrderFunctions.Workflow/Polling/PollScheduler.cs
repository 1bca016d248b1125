using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Messaging;

namespace OrderFunctions.Workflow.Polling;

/// <summary>
/// The fan-out timer's work (DESIGN D6): one poll message per integration whose poll interval has passed since its
/// last poll was queued and whose previous poll is no longer running (its <see cref="PollClaim"/> released or lapsed).
/// Claiming the slot is a conditional write, so two schedulers (two instances, two local runtimes) never queue the same
/// poll twice; and the poll itself ignores a run it has already done.
/// </summary>
public sealed partial class PollScheduler(PollStateStore pollState, IWorkflowQueues queues, TimeProvider time, IOptions<WorkflowOptions> options, ILogger<PollScheduler> logger)
{
    /// <summary>Queues the due polls; returns how many.</summary>
    public async Task<int> QueueDuePollsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var queued = 0;
        foreach (var (integration, lastQueuedAt, claimedUntil, scheduleETag) in await pollState.ReadSchedulesAsync(cancellationToken).ConfigureAwait(false))
        {
            // The previous poll is queued or still running (slow marketplaces poll for minutes): another would only
            // contend with it for the same orders.
            if (claimedUntil > now)
            {
                continue;
            }

            var interval = integration.Settings.PollInterval;

            // Timer ticks drift a little; a poll a few percent early beats one a whole tick late.
            var tolerance = TimeSpan.FromTicks(Math.Min(interval.Ticks / 10, TimeSpan.FromSeconds(30).Ticks));
            if (lastQueuedAt is { } last && now < last + interval - tolerance)
            {
                continue;
            }

            var run = "s" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
            if (!await pollState.TryClaimScheduleAsync(integration.Id, scheduleETag, now, run, now + options.Value.PollClaimDuration, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            await queues.SendPollAsync(new PollMessage { Integration = integration.Id, Run = run }, cancellationToken).ConfigureAwait(false);
            queued++;
        }

        if (queued > 0)
        {
            LogQueued(logger, queued);
        }

        return queued;
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Information, Message = "Queued {Count} integration polls")]
    private static partial void LogQueued(ILogger logger, int count);
}

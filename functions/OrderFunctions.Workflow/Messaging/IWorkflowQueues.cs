using OrderFunctions.Workflow.Hosting;

namespace OrderFunctions.Workflow.Messaging;

/// <summary>Where the workflow puts its messages. Every put may be repeated (a re-run after a crash): the messages
/// are built so that a repeated one is harmless (timers find nothing to do, notifications carry a stable id).</summary>
public interface IWorkflowQueues
{
    /// <summary>Puts a step; <paramref name="delay"/> hides it that long (at most <see cref="QueueWorkflowQueues.MaxDelay"/>;
    /// longer timers carry their <see cref="StepMessage.Due"/> and are chained).</summary>
    Task SendStepAsync(StepMessage message, TimeSpan delay, CancellationToken cancellationToken);

    Task SendPollAsync(PollMessage message, CancellationToken cancellationToken);

    Task SendNotificationAsync(NotificationMessage message, CancellationToken cancellationToken);
}

/// <summary><see cref="IWorkflowQueues"/> on the storage queues of <see cref="WorkflowStorage"/>.</summary>
public sealed class QueueWorkflowQueues(WorkflowStorage storage) : IWorkflowQueues
{
    /// <summary>Just under the Queue service's 7-day visibility limit.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    /// <summary>Messages live until read (a timer may wait its full 7 days; the default TTL would race it).</summary>
    private static readonly TimeSpan NeverExpires = Timeout.InfiniteTimeSpan;

    public async Task SendStepAsync(StepMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : (delay > MaxDelay ? MaxDelay : delay);
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.StepQueue.SendMessageAsync(WorkflowJson.Serialize(message), visibility, NeverExpires, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendPollAsync(PollMessage message, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.PollQueue.SendMessageAsync(WorkflowJson.Serialize(message), timeToLive: NeverExpires, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task SendNotificationAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        await storage.WhenCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.NotificationQueue.SendMessageAsync(WorkflowJson.Serialize(message), timeToLive: NeverExpires, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

namespace OrderFunctions.Storage.Queues;

/// <summary>The Queue service of one account; hands out <see cref="QueueClient"/>s that share its pipeline.</summary>
public sealed class QueueServiceClient
{
    public Uri ServiceUri => throw new NotImplementedException();

    public QueueClient GetQueueClient(string queueName) => throw new NotImplementedException();
}

using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Standalone.Queues;

/// <summary>The queue operations a listener needs — the seam between the trigger logic and storage, so the logic is
/// testable on an in-memory queue and runs on <see cref="QueueClient"/> for real.</summary>
internal interface IQueue
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken);

    Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task SendMessageAsync(string body, CancellationToken cancellationToken);
}

/// <summary>Hands out the queue named by a queue trigger on the connection it names.</summary>
internal interface IQueueProvider
{
    /// <summary>Where the queue lives, for the start-up summary (never a key).</summary>
    string Describe(string connectionName);

    IQueue GetQueue(string connectionName, string queueName);
}

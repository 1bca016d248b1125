using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Standalone.Queues;

/// <summary>The queue operations a listener needs — the seam between the trigger logic and storage, so the logic is
/// testable on an in-memory queue and runs on <see cref="QueueClient"/> for real. Message text is exactly as stored
/// (no <c>messageEncoding</c> applied): the listener decodes each message itself (<see cref="QueueMessageText"/>), and
/// a poison copy is the stored text unchanged.</summary>
internal interface IQueue
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken);

    Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="storedText"/> as it is.</summary>
    Task SendMessageAsync(string storedText, CancellationToken cancellationToken);
}

/// <summary>Hands out the queue named by a queue trigger on the connection it names.</summary>
internal interface IQueueProvider
{
    /// <summary>Where the queue lives, for the start-up summary (never a key).</summary>
    string Describe(string connectionName);

    IQueue GetQueue(string connectionName, string queueName);
}

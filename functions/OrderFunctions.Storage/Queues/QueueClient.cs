namespace OrderFunctions.Storage.Queues;

/// <summary>
/// One queue of the Queue service, over the REST API (XML). Message bodies are encoded per
/// <see cref="Encoding"/>, which must match host.json <c>extensions.queues.messageEncoding</c> (base64 by default)
/// so the Functions host and this client read each other's messages.
/// Every failure surfaces as <see cref="Azure.RequestFailedException"/>.
/// </summary>
public sealed class QueueClient
{
    public string Name => throw new NotImplementedException();

    public QueueMessageEncoding Encoding => throw new NotImplementedException();

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task DeleteIfExistsAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Puts a message; <paramref name="visibilityDelay"/> (≤ 7 days) hides it until then — the workflow's timers.
    /// <paramref name="timeToLive"/>: null = service default (7 days); <see cref="Timeout.InfiniteTimeSpan"/> = never expires.</summary>
    public Task<SendReceipt> SendMessageAsync(string body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Gets up to <paramref name="maxMessages"/> (1–32) messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Changes a received message's visibility (and optionally its body); returns the new pop receipt.</summary>
    public Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? body = null, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    public Task<IReadOnlyList<PeekedQueueMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>The service's approximate message count (<c>x-ms-approximate-messages-count</c>).</summary>
    public Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Removes every message (tests and tools).</summary>
    public Task ClearMessagesAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}

namespace OrderFunctions.Storage.Queues;

/// <summary>
/// A received or peeked message whose text is not valid for the queue's <see cref="QueueMessageEncoding"/>
/// (e.g. raw text in a Base64 queue). It carries what a poller needs to move the message aside as the Functions
/// host does (to <c>&lt;queue&gt;-poison</c>, then delete it): the id, the pop receipt (null when peeked) and the
/// raw text. Other messages of the same receive stay hidden until their visibility timeout and are delivered again.
/// </summary>
public sealed class QueueMessageDecodingException : FormatException
{
    public QueueMessageDecodingException(string queueName, string messageId, string? popReceipt, long dequeueCount, string rawText, Exception? innerException)
        : base(
            $"Message '{messageId}' in queue '{queueName}' is not base64 text; the queue's writers and this client must agree on the " +
            "message encoding (host.json extensions.queues.messageEncoding).",
            innerException)
    {
        QueueName = queueName;
        MessageId = messageId;
        PopReceipt = popReceipt;
        DequeueCount = dequeueCount;
        RawText = rawText;
    }

    public string QueueName { get; }

    public string MessageId { get; }

    /// <summary>Null when the message was only peeked.</summary>
    public string? PopReceipt { get; }

    public long DequeueCount { get; }

    /// <summary>The message text exactly as stored.</summary>
    public string RawText { get; }
}

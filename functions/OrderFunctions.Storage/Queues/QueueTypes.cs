namespace OrderFunctions.Storage.Queues;

/// <summary>How message text is put on the wire; must match host.json <c>extensions.queues.messageEncoding</c>.</summary>
public enum QueueMessageEncoding
{
    Base64,
    None,
}

/// <summary>A received message; <see cref="Body"/> is already decoded per the queue's encoding.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string Body,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);

public sealed record PeekedQueueMessage(string MessageId, string Body, long DequeueCount, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn);

public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);

public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);

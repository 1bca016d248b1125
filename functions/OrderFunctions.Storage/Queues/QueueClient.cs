using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Storage.Pipeline;

namespace OrderFunctions.Storage.Queues;

/// <summary>
/// One queue of the Queue service, over the REST API (XML). Message bodies are encoded per
/// <see cref="Encoding"/>, which must match host.json <c>extensions.queues.messageEncoding</c> (base64 by default)
/// so the Functions host and this client read each other's messages.
/// Every failure surfaces as <see cref="Azure.RequestFailedException"/>.
/// </summary>
public sealed class QueueClient
{
    /// <summary>The longest visibility delay or timeout the service accepts.</summary>
    public static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    /// <summary>The service's limit on one message's text as stored (after encoding).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>The service's limit on messages per get or peek.</summary>
    public const int MaxMessagesPerCall = 32;

    private static readonly ResponseClassifier Ok200 = StoragePipeline.Classifier(200);
    private static readonly ResponseClassifier Ok201 = StoragePipeline.Classifier(201);
    private static readonly ResponseClassifier Ok204 = StoragePipeline.Classifier(204);
    private static readonly ResponseClassifier Ok201Or204Or409 = StoragePipeline.Classifier(201, 204, 409);
    private static readonly ResponseClassifier Ok204Or404 = StoragePipeline.Classifier(204, 404);

    private readonly Uri _serviceUri;
    private readonly HttpPipeline _pipeline;

    internal QueueClient(string name, Uri serviceUri, HttpPipeline pipeline, QueueMessageEncoding encoding)
    {
        Name = name;
        _serviceUri = serviceUri;
        _pipeline = pipeline;
        Encoding = encoding;
    }

    public string Name { get; }

    public QueueMessageEncoding Encoding { get; }

    /// <summary>Creates the queue; an existing queue is not an error (409 <c>QueueAlreadyExists</c> only means its
    /// metadata differs, and this client sets none).</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, StorageOperationKinds.QueueCreate, Ok201Or204Or409, "");
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 409 && new RequestFailedException(response) is { ErrorCode: not StorageErrorCodes.QueueAlreadyExists } failure)
        {
            throw failure;
        }
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, StorageOperationKinds.Other, Ok204Or404, "");
        await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Puts a message; <paramref name="visibilityDelay"/> (≤ 7 days) hides it until then — the workflow's timers.
    /// <paramref name="timeToLive"/>: null = service default (7 days); <see cref="Timeout.InfiniteTimeSpan"/> = never expires.
    /// Delays round up to whole seconds, so a timer never fires early.</summary>
    public async Task<SendReceipt> SendMessageAsync(string body, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var delaySeconds = visibilityDelay is { } delay ? Seconds(delay, TimeSpan.Zero, nameof(visibilityDelay)) : (long?)null;
        long? ttlSeconds = timeToLive switch
        {
            null => null,
            var ttl when ttl == Timeout.InfiniteTimeSpan => -1,
            { } ttl when ttl >= TimeSpan.FromSeconds(1) => (long)Math.Ceiling(ttl.TotalSeconds),
            _ => throw new ArgumentOutOfRangeException(nameof(timeToLive), timeToLive, "A message's time to live is at least 1 second, or Timeout.InfiniteTimeSpan for never."),
        };
        if (delaySeconds is { } d && ttlSeconds is { } t && t != -1 && d >= t)
        {
            throw new ArgumentOutOfRangeException(nameof(visibilityDelay), visibilityDelay, "The visibility delay must be shorter than the message's time to live.");
        }

        var text = QueueMessageCodec.Encode(body, Encoding);
        var wireBytes = System.Text.Encoding.UTF8.GetByteCount(text);
        if (wireBytes > MaxMessageBytes)
        {
            throw new ArgumentException($"The message is {wireBytes} bytes once encoded ({Encoding}); a queue message holds at most {MaxMessageBytes}.", nameof(body));
        }

        using var message = CreateMessage(RequestMethod.Post, StorageOperationKinds.QueuePut, Ok201, "/messages");
        if (delaySeconds is { } delayValue)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", delayValue.ToString(CultureInfo.InvariantCulture));
        }

        if (ttlSeconds is { } ttlValue)
        {
            message.Request.Uri.AppendQuery("messagettl", ttlValue.ToString(CultureInfo.InvariantCulture));
        }

        SetXmlContent(message.Request, QueueMessageXml.MessageBody(text));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        var sent = QueueMessageXml.Messages(response.Content).Single();
        return new SendReceipt(
            QueueMessageXml.Text(sent, "MessageId"),
            QueueMessageXml.Text(sent, "PopReceipt"),
            QueueMessageXml.Date(sent, "InsertionTime"),
            QueueMessageXml.Date(sent, "ExpirationTime"),
            QueueMessageXml.Date(sent, "TimeNextVisible"));
    }

    /// <summary>Gets up to <paramref name="maxMessages"/> (1–32) messages and hides them for <paramref name="visibilityTimeout"/>
    /// (1 second to 7 days). Each receive increments the message's <c>DequeueCount</c>. A message that does not fit
    /// <see cref="Encoding"/> throws <see cref="QueueMessageDecodingException"/>.</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ValidateCount(maxMessages, nameof(maxMessages));
        var timeoutSeconds = Seconds(visibilityTimeout, TimeSpan.FromSeconds(1), nameof(visibilityTimeout));
        using var message = CreateMessage(RequestMethod.Get, StorageOperationKinds.QueueGet, Ok200, "/messages");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        message.Request.Uri.AppendQuery("visibilitytimeout", timeoutSeconds.ToString(CultureInfo.InvariantCulture));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return QueueMessageXml.Messages(response.Content)
            .Select(m =>
            {
                var id = QueueMessageXml.Text(m, "MessageId");
                var popReceipt = QueueMessageXml.Text(m, "PopReceipt");
                var dequeueCount = QueueMessageXml.Number(m, "DequeueCount");
                return new QueueMessage(
                    id,
                    popReceipt,
                    QueueMessageCodec.Decode(QueueMessageXml.Text(m, "MessageText"), Encoding, Name, id, popReceipt, dequeueCount),
                    dequeueCount,
                    QueueMessageXml.Date(m, "InsertionTime"),
                    QueueMessageXml.Date(m, "ExpirationTime"),
                    QueueMessageXml.Date(m, "TimeNextVisible"));
            })
            .ToList();
    }

    /// <summary>Deletes a received message. A pop receipt from an earlier receive fails with 400/404
    /// (<c>PopReceiptMismatch</c> / <c>MessageNotFound</c>): someone else now holds the message.</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, StorageOperationKinds.QueueDelete, Ok204, MessagePath(messageId));
        message.Request.Uri.AppendQuery("popreceipt", RequirePopReceipt(popReceipt));
        await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes a received message's visibility (and optionally its body); returns the new pop receipt.</summary>
    public async Task<UpdateReceipt> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? body = null, CancellationToken cancellationToken = default)
    {
        var timeoutSeconds = Seconds(visibilityTimeout, TimeSpan.Zero, nameof(visibilityTimeout));
        using var message = CreateMessage(RequestMethod.Put, StorageOperationKinds.QueueUpdate, Ok204, MessagePath(messageId));
        message.Request.Uri.AppendQuery("popreceipt", RequirePopReceipt(popReceipt));
        message.Request.Uri.AppendQuery("visibilitytimeout", timeoutSeconds.ToString(CultureInfo.InvariantCulture));
        if (body is not null)
        {
            SetXmlContent(message.Request, QueueMessageXml.MessageBody(QueueMessageCodec.Encode(body, Encoding)));
        }

        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        var headers = response.Headers;
        return new UpdateReceipt(
            headers.TryGetValue(StorageHeaders.PopReceipt, out var receipt) ? receipt : throw new FormatException("The update answer has no x-ms-popreceipt."),
            headers.TryGetValue(StorageHeaders.TimeNextVisible, out var next) ? QueueMessageXml.ParseDate(next) : throw new FormatException("The update answer has no x-ms-time-next-visible."));
    }

    /// <summary>Reads up to <paramref name="maxMessages"/> (1–32) visible messages without hiding them or counting a dequeue.</summary>
    public async Task<IReadOnlyList<PeekedQueueMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        ValidateCount(maxMessages, nameof(maxMessages));
        using var message = CreateMessage(RequestMethod.Get, StorageOperationKinds.QueuePeek, Ok200, "/messages");
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return QueueMessageXml.Messages(response.Content)
            .Select(m =>
            {
                var id = QueueMessageXml.Text(m, "MessageId");
                var dequeueCount = QueueMessageXml.Number(m, "DequeueCount");
                return new PeekedQueueMessage(
                    id,
                    QueueMessageCodec.Decode(QueueMessageXml.Text(m, "MessageText"), Encoding, Name, id, popReceipt: null, dequeueCount),
                    dequeueCount,
                    QueueMessageXml.Date(m, "InsertionTime"),
                    QueueMessageXml.Date(m, "ExpirationTime"));
            })
            .ToList();
    }

    /// <summary>The service's approximate message count (<c>x-ms-approximate-messages-count</c>).</summary>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, StorageOperationKinds.QueueMetadata, Ok200, "");
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValue(StorageHeaders.ApproximateMessagesCount, out var count)
            ? int.Parse(count, CultureInfo.InvariantCulture)
            : throw new FormatException("The queue metadata answer has no x-ms-approximate-messages-count.");
    }

    /// <summary>Removes every message (tests and tools).</summary>
    public async Task ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, StorageOperationKinds.QueueClear, Ok204, "/messages");
        await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private HttpMessage CreateMessage(RequestMethod method, string kind, ResponseClassifier classifier, string subPath)
    {
        var message = _pipeline.CreateMessage(method, _serviceUri, kind, Name, classifier);
        message.Request.Uri.AppendPath("/" + Name + subPath, escape: false);
        return message;
    }

    private static string MessagePath(string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        return "/messages/" + Uri.EscapeDataString(messageId);
    }

    private static string RequirePopReceipt(string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        return popReceipt;
    }

    private static void SetXmlContent(Request request, byte[] xml)
    {
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml; charset=utf-8");
        request.Content = RequestContent.Create(xml);
    }

    private static void ValidateCount(int count, string name)
    {
        if (count is < 1 or > MaxMessagesPerCall)
        {
            throw new ArgumentOutOfRangeException(name, count, $"The Queue service returns 1 to {MaxMessagesPerCall} messages per call.");
        }
    }

    /// <summary>Whole seconds, rounded up, within [<paramref name="minimum"/>, 7 days].</summary>
    private static long Seconds(TimeSpan value, TimeSpan minimum, string name)
    {
        if (value < minimum || value > MaxVisibility)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be between {minimum.TotalSeconds:0} second(s) and 7 days (the Queue service's limits); chain longer timers.");
        }

        return (long)Math.Ceiling(value.TotalSeconds);
    }
}

using System.Text;

namespace OrderFunctions.Storage.Queues;

/// <summary>Message text on the wire per <see cref="QueueMessageEncoding"/>: Base64 of UTF-8 (the Functions host's
/// default <c>messageEncoding</c>), or the text itself (XML-escaped by the body writer).</summary>
internal static class QueueMessageCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string body, QueueMessageEncoding encoding) =>
        encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(StrictUtf8.GetBytes(body)) : body;

    /// <summary>The body of a message read from <paramref name="queueName"/>; throws
    /// <see cref="QueueMessageDecodingException"/> when the text does not fit the encoding.</summary>
    public static string Decode(string wireText, QueueMessageEncoding encoding, string queueName, string messageId, string? popReceipt, long dequeueCount)
    {
        if (encoding == QueueMessageEncoding.None)
        {
            return wireText;
        }

        try
        {
            return StrictUtf8.GetString(Convert.FromBase64String(wireText));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new QueueMessageDecodingException(queueName, messageId, popReceipt, dequeueCount, wireText, e);
        }
    }
}

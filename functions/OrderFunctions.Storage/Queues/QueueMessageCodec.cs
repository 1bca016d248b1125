using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace OrderFunctions.Storage.Queues;

/// <summary>Message text on the wire per <see cref="QueueMessageEncoding"/>: Base64 of UTF-8 (the Functions host's
/// default <c>messageEncoding</c>), or the text itself (XML-escaped by the body writer).</summary>
public static class QueueMessageCodec
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string body, QueueMessageEncoding encoding) =>
        encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(StrictUtf8.GetBytes(body)) : body;

    /// <summary>The body of a message read from <paramref name="queueName"/>; throws
    /// <see cref="QueueMessageDecodingException"/> when the text does not fit the encoding.</summary>
    internal static string Decode(string wireText, QueueMessageEncoding encoding, string queueName, string messageId, string? popReceipt, long dequeueCount)
    {
        if (!TryDecode(wireText, encoding, out var body, out var error))
        {
            throw new QueueMessageDecodingException(queueName, messageId, popReceipt, dequeueCount, wireText, error);
        }

        return body;
    }

    /// <summary>The body, or false (with the reason) when the text is not base64 of UTF-8 under
    /// <see cref="QueueMessageEncoding.Base64"/>.</summary>
    public static bool TryDecode(string wireText, QueueMessageEncoding encoding, [NotNullWhen(true)] out string? body, [NotNullWhen(false)] out Exception? error)
    {
        error = null;
        if (encoding == QueueMessageEncoding.None)
        {
            body = wireText;
            return true;
        }

        try
        {
            body = StrictUtf8.GetString(Convert.FromBase64String(wireText));
            return true;
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            body = null;
            error = e;
            return false;
        }
    }
}

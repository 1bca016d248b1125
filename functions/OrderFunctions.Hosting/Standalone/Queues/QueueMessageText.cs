using System.Diagnostics.CodeAnalysis;
using System.Text;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Standalone.Queues;

/// <summary>
/// Reads a message's text as stored into the body a function sees, per host.json <c>messageEncoding</c>. Decoding is
/// done here, one message at a time, rather than by the storage client for the whole receive: as with the Storage
/// Queues extension, one message that does not fit the encoding must not fail the other messages of its batch.
/// </summary>
internal static class QueueMessageText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body, or false when the text is not base64 of UTF-8 (base64), or not well-formed text that the
    /// invocation payload can carry (lone surrogates).</summary>
    public static bool TryDecode(string storedText, QueueMessageEncoding encoding, [NotNullWhen(true)] out string? body)
    {
        if (!QueueMessageCodec.TryDecode(storedText, encoding, out body, out _))
        {
            return false;
        }

        try
        {
            // Throws on text that is not valid UTF-16, which the JSON payload could not carry.
            StrictUtf8.GetByteCount(body);
            return true;
        }
        catch (EncoderFallbackException)
        {
            body = null;
            return false;
        }
    }
}

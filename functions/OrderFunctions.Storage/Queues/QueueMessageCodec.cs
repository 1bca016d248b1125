using System.Text;

namespace OrderFunctions.Storage.Queues;

/// <summary>Message text on the wire per <see cref="QueueMessageEncoding"/>: Base64 of UTF-8 (the Functions host's
/// default <c>messageEncoding</c>), or the text itself (XML-escaped by the body writer).</summary>
internal static class QueueMessageCodec
{
    public static string Encode(string body, QueueMessageEncoding encoding) =>
        encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body;

    public static string Decode(string wireText, QueueMessageEncoding encoding, string queueName, string messageId)
    {
        if (encoding == QueueMessageEncoding.None)
        {
            return wireText;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(wireText));
        }
        catch (FormatException e)
        {
            throw new FormatException(
                $"Message '{messageId}' in queue '{queueName}' is not base64 text; the queue's writers and this client must agree on the message encoding (host.json extensions.queues.messageEncoding).",
                e);
        }
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace OrderFunctions.Storage.Queues;

/// <summary>The Queue service's XML: the <c>&lt;QueueMessage&gt;&lt;MessageText&gt;</c> request body and the
/// <c>&lt;QueueMessagesList&gt;</c> answers of put, get and peek (dates in RFC 1123).</summary>
internal static class QueueMessageXml
{
    public static byte[] MessageBody(string messageText)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            // XmlWriter escapes <, & and friends; with MessageEncoding None the text travels as is otherwise.
            new XElement("QueueMessage", new XElement("MessageText", messageText)).WriteTo(writer);
        }

        return stream.ToArray();
    }

    public static IEnumerable<XElement> Messages(BinaryData content)
    {
        using var stream = content.ToStream();
        var root = XDocument.Load(stream).Root;
        return root?.Elements("QueueMessage").ToList() ?? [];
    }

    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new FormatException($"A queue message in the service's answer has no {name}.");

    public static DateTimeOffset Date(XElement message, string name) => ParseDate(Text(message, name));

    public static long Number(XElement message, string name) => long.Parse(Text(message, name), CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseDate(string rfc1123) =>
        DateTimeOffset.ParseExact(rfc1123, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace OrderFunctions.Storage.Pipeline;

/// <summary>
/// Gives every <see cref="RequestFailedException"/> the service's error code and message: the code from the
/// <c>x-ms-error-code</c> header when present, else from the body, which is OData JSON for tables
/// (<c>{"odata.error":{"code":…,"message":{"value":…}}}</c>) and XML for queues (<c>&lt;Error&gt;&lt;Code&gt;…</c>).
/// </summary>
internal sealed class StorageErrorParser : RequestFailedDetailsParser
{
    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue(StorageHeaders.ErrorCode, out var headerCode);
        var (bodyCode, message) = ParseBody(response.Content);
        var code = headerCode ?? bodyCode;
        error = code is null && message is null ? null : new ResponseError(code, message);
        return error is not null;
    }

    internal static (string? Code, string? Message) ParseBody(BinaryData? content)
    {
        if (content is null || content.ToMemory().IsEmpty)
        {
            return (null, null);
        }

        var first = content.ToMemory().Span.TrimStart(" \t\r\n\uFEFF"u8);
        try
        {
            return first.Length > 0 && first[0] == (byte)'{' ? ParseJson(content) : first.Length > 0 && first[0] == (byte)'<' ? ParseXml(content) : (null, null);
        }
        catch (Exception e) when (e is JsonException or XmlException)
        {
            // An unreadable error body still leaves the status and the header code.
            return (null, null);
        }
    }

    private static (string? Code, string? Message) ParseJson(BinaryData content)
    {
        using var document = JsonDocument.Parse(content);
        if (!document.RootElement.TryGetProperty("odata.error", out var error) && !document.RootElement.TryGetProperty("error", out error))
        {
            return (null, null);
        }

        var code = error.TryGetProperty("code", out var codeElement) ? codeElement.GetString() : null;
        string? message = null;
        if (error.TryGetProperty("message", out var messageElement))
        {
            message = messageElement.ValueKind == JsonValueKind.Object && messageElement.TryGetProperty("value", out var value)
                ? value.GetString()
                : messageElement.ValueKind == JsonValueKind.String ? messageElement.GetString() : null;
        }

        return (code, message);
    }

    private static (string? Code, string? Message) ParseXml(BinaryData content)
    {
        using var stream = content.ToStream();
        var root = XDocument.Load(stream).Root;
        return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace OrderFunctions.App.Tests.Notifications.Support;

/// <summary>
/// A strict little reader of the Internet Message Format, written for the tests from RFC 5322/2045/2046/2047: CRLF
/// lines only, header fields unfolded, <c>multipart/*</c> split on its boundary, base64 parts decoded, encoded-words
/// decoded. It throws on anything it does not understand, so a malformed file fails the test.
/// </summary>
internal sealed partial class EmlDocument
{
    private EmlDocument(IReadOnlyList<KeyValuePair<string, string>> headers, string body)
    {
        Headers = headers;
        Body = body;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string Body { get; }

    public string Header(string name) => Headers.Single(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public static EmlDocument Parse(string text)
    {
        if (text.Replace("\r\n", "", StringComparison.Ordinal).Contains('\n', StringComparison.Ordinal) || text.Replace("\r\n", "", StringComparison.Ordinal).Contains('\r', StringComparison.Ordinal))
        {
            throw new FormatException("Bare CR or LF: lines must end with CRLF.");
        }

        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            throw new FormatException("No blank line between header and body.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in text[..end].Split("\r\n"))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (headers.Count == 0)
                {
                    throw new FormatException("Continuation line before the first header field.");
                }

                headers[^1] = new(headers[^1].Key, headers[^1].Value + line); // unfold: remove the CRLF only
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(c => c is <= ' ' or > '~'))
            {
                throw new FormatException($"Not a header field: '{line}'.");
            }

            headers.Add(new(line[..colon], line[(colon + 1)..].TrimStart()));
        }

        return new EmlDocument(headers, text[(end + 4)..]);
    }

    /// <summary>The parts of a multipart body, in order; the closing delimiter must be there.</summary>
    public IReadOnlyList<EmlDocument> Parts()
    {
        var match = BoundaryPattern().Match(Header("Content-Type"));
        if (!match.Success || !Header("Content-Type").StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("Not a multipart document with a boundary parameter.");
        }

        var delimiter = "--" + match.Groups["boundary"].Value;
        var lines = Body.Split("\r\n");
        var parts = new List<EmlDocument>();
        StringBuilder? current = null;
        var closed = false;
        foreach (var line in lines)
        {
            if (line == delimiter || line == delimiter + "--")
            {
                if (current is not null)
                {
                    parts.Add(Parse(current.ToString()));
                }

                closed = line.EndsWith("--", StringComparison.Ordinal);
                current = closed ? null : new StringBuilder();
                if (closed)
                {
                    break;
                }

                continue;
            }

            current?.Append(line).Append("\r\n");
        }

        return closed ? parts : throw new FormatException("The multipart body has no closing delimiter.");
    }

    /// <summary>The body decoded from its Content-Transfer-Encoding and charset (base64 + utf-8 here).</summary>
    public string DecodedBody()
    {
        if (!Header("Content-Transfer-Encoding").Equals("base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("Only base64 parts are expected.");
        }

        if (!Header("Content-Type").Contains("charset=utf-8", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("Parts are expected to declare charset=utf-8.");
        }

        return Encoding.UTF8.GetString(Convert.FromBase64String(Body.Replace("\r\n", "", StringComparison.Ordinal)));
    }

    /// <summary>Decodes RFC 2047 encoded-words; white space between adjacent encoded-words is dropped (§6.2).</summary>
    public static string DecodeWords(string value)
    {
        var joined = AdjacentWordsPattern().Replace(value, "?==?");
        return EncodedWordPattern().Replace(joined, m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["text"].Value)));
    }

    [GeneratedRegex("boundary=\"(?<boundary>[^\"]+)\"")]
    private static partial Regex BoundaryPattern();

    [GeneratedRegex(@"\?=[ \t]+=\?")]
    private static partial Regex AdjacentWordsPattern();

    [GeneratedRegex(@"=\?utf-8\?B\?(?<text>[A-Za-z0-9+/=]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWordPattern();
}

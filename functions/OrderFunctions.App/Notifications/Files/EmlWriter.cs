using System.Globalization;
using System.Text;
using OrderFunctions.App.Notifications.Email;

namespace OrderFunctions.App.Notifications.Files;

/// <summary>
/// Writes a mail as an Internet Message Format document (<c>.eml</c>, RFC 5322 + MIME): CRLF line ends, 7-bit header
/// lines (non-ASCII words as RFC 2047 UTF-8 encoded-words), a stable Message-ID, and a <c>multipart/alternative</c>
/// body with the plain-text part first and the HTML part second (RFC 2046 §5.1.4: the preferred alternative last), each
/// UTF-8 in base64 lines of 76 characters. Any mail client opens the result.
/// </summary>
internal static class EmlWriter
{
    private const string Crlf = "\r\n";
    private const int MaxBase64Line = 76;

    // An encoded-word is at most 75 characters (RFC 2047 §2); "=?utf-8?B?" + "?=" leave 63 for base64, i.e. 45 bytes.
    private const int MaxEncodedWordBytes = 45;

    public static string Write(EmailMessage message, EmailAddress from)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(from);

        var uuid = StableUuid.For(message.Id).ToString("N");
        var boundary = $"=_OrderFunctions_{uuid}";
        var text = new StringBuilder();

        Header(text, "Date", message.CreatedAt.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(text, "From", Mailbox(from));
        Header(text, "To", string.Join(", ", message.To.Select(Mailbox)));
        Header(text, "Subject", Unstructured(message.Subject));
        Header(text, "Message-ID", $"<{uuid}@{DomainOf(from.Address)}>");
        Header(text, "X-OrderFunctions-Notification", Unstructured(message.Id));
        Header(text, "MIME-Version", "1.0");
        Header(text, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        text.Append(Crlf);
        text.Append("This is a multipart message in MIME format.").Append(Crlf);

        Part(text, boundary, "text/plain", message.PlainText);
        Part(text, boundary, "text/html", message.Html);
        text.Append("--").Append(boundary).Append("--").Append(Crlf);
        return text.ToString();
    }

    private static void Header(StringBuilder text, string name, string value) => text.Append(name).Append(": ").Append(value).Append(Crlf);

    private static void Part(StringBuilder text, string boundary, string mediaType, string content)
    {
        text.Append(Crlf).Append("--").Append(boundary).Append(Crlf);
        Header(text, "Content-Type", $"{mediaType}; charset=utf-8");
        Header(text, "Content-Transfer-Encoding", "base64");
        text.Append(Crlf);

        // Line ends inside the content become CRLF, the canonical form of text/* (RFC 2046 §4.1.1).
        var canonical = content.ReplaceLineEndings(Crlf);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(canonical));
        for (var i = 0; i < base64.Length; i += MaxBase64Line)
        {
            text.Append(base64.AsSpan(i, Math.Min(MaxBase64Line, base64.Length - i))).Append(Crlf);
        }
    }

    /// <summary>A mailbox: <c>addr</c>, or <c>"Display Name" &lt;addr&gt;</c> (quoted-string for ASCII, encoded-words otherwise).</summary>
    private static string Mailbox(EmailAddress mailbox)
    {
        var address = SingleLine(mailbox.Address).Trim();
        if (string.IsNullOrWhiteSpace(mailbox.DisplayName))
        {
            return address;
        }

        var name = SingleLine(mailbox.DisplayName).Trim();
        var phrase = IsPrintableAscii(name)
            ? "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""
            : EncodedWords(name);
        return $"{phrase} <{address}>";
    }

    /// <summary>An unstructured header value (Subject): as is when it is short printable ASCII, otherwise UTF-8
    /// encoded-words folded onto continuation lines. CR and LF never reach a header (no header injection).</summary>
    private static string Unstructured(string value)
    {
        var line = SingleLine(value);
        return IsPrintableAscii(line) && line.Length <= 60 ? line : EncodedWords(line);
    }

    private static string EncodedWords(string value)
    {
        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            // Words are cut between characters, never inside one, so each decodes on its own.
            if (chunkBytes + rune.Utf8SequenceLength > MaxEncodedWordBytes)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }

            chunk.Append(rune.ToString());
            chunkBytes += rune.Utf8SequenceLength;
        }

        if (chunk.Length > 0 || words.Count == 0)
        {
            words.Add(EncodedWord(chunk.ToString()));
        }

        // Folding white space between adjacent encoded-words is not part of the decoded text (RFC 2047 §6.2).
        return string.Join(Crlf + " ", words);
    }

    private static string EncodedWord(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";

    private static string SingleLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    private static bool IsPrintableAscii(string value) => value.All(c => c is >= ' ' and <= '~');

    private static string DomainOf(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..].Trim() : "orderfunctions.local";
    }
}

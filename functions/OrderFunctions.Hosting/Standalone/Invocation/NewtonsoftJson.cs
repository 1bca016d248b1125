using System.Globalization;
using System.Text;

namespace OrderFunctions.Hosting.Standalone.Invocation;

/// <summary>
/// The few Newtonsoft.Json behaviours the host's payloads depend on, reproduced so the standalone runtime's bytes
/// match the host's: <c>JsonConvert.SerializeObject(string)</c> (the inner layer of the double encoding) and
/// Newtonsoft's ISO date format (7 optional fraction digits, offset or <c>Z</c>).
/// </summary>
internal static class NewtonsoftJson
{
    private const string IsoDateFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF";

    /// <summary>A JSON string literal, quotes included, escaped as Newtonsoft's default <c>StringEscapeHandling</c> does:
    /// quote, backslash and control characters (short forms where JSON has them), plus U+0085, U+2028 and U+2029;
    /// nothing else, so non-ASCII text stays as is.</summary>
    public static string SerializeString(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ' or '\u0085' or '\u2028' or '\u2029':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>A <c>DateTimeOffset</c> (or a local <c>DateTime</c> on a UTC machine, as in Azure): <c>2026-01-08T10:00:00+00:00</c>.</summary>
    public static string FormatDate(DateTimeOffset value) =>
        value.ToString(IsoDateFormat + "zzz", CultureInfo.InvariantCulture);

    /// <summary>A UTC <c>DateTime</c>: <c>2026-01-08T10:00:00.1234567Z</c>.</summary>
    public static string FormatUtcDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString(IsoDateFormat + "'Z'", CultureInfo.InvariantCulture);
}

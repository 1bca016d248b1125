using System.Buffers.Text;
using System.Text;

namespace OrderFunctions.Storage.Tables;

/// <summary>The service's two continuation headers (<c>x-ms-continuation-NextPartitionKey</c> and <c>-NextRowKey</c>)
/// as one opaque string, so callers page with a single token.</summary>
internal static class TableContinuationToken
{
    private const char Separator = '\n';

    public static string? Create(string? nextPartitionKey, string? nextRowKey) =>
        string.IsNullOrEmpty(nextPartitionKey) ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{nextPartitionKey}{Separator}{nextRowKey}"));

    public static (string NextPartitionKey, string? NextRowKey) Parse(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException e)
        {
            throw new ArgumentException("Not a continuation token returned by QueryPageAsync.", nameof(token), e);
        }

        var separator = text.IndexOf(Separator, StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new ArgumentException("Not a continuation token returned by QueryPageAsync.", nameof(token));
        }

        var rowKey = text[(separator + 1)..];
        return (text[..separator], rowKey.Length == 0 ? null : rowKey);
    }
}

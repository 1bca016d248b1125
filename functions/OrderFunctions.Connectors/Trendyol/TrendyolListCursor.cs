using System.Globalization;

namespace OrderFunctions.Connectors.Trendyol;

/// <summary>
/// Where a listing of changed orders stands: the current date window [start, end) in epoch ms and the page in it.
/// Windows are at most 2 weeks (Trendyol's limit) and are halved when one holds more than the 10,000 records
/// Trendyol pages through. The page token handed to the caller is this cursor, written as <c>start-end-page</c>.
/// </summary>
internal readonly record struct TrendyolListCursor(long Start, long End, int Page)
{
    private static readonly long MaxRangeMs = (long)TrendyolApi.MaxDateRange.TotalMilliseconds;

    public static TrendyolListCursor First(long since, long until) => new(since, Math.Min(since + MaxRangeMs, until), 0);

    public static TrendyolListCursor Parse(string token, long until)
    {
        var parts = token.Split('-');
        if (parts.Length == 3
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            && start < end && end <= until && end - start <= MaxRangeMs)
        {
            return new TrendyolListCursor(start, end, page);
        }

        throw new ArgumentException("The page token was not issued for this window.", nameof(token));
    }

    /// <summary>Wide enough to halve (a second): narrower windows are paged as far as Trendyol allows.</summary>
    public bool CanHalve => End - Start >= 2000;

    public TrendyolListCursor NextPage() => this with { Page = Page + 1 };

    public TrendyolListCursor Halved() => new(Start, Start + ((End - Start) / 2), 0);

    public TrendyolListCursor? NextWindow(long until) => End >= until ? null : new TrendyolListCursor(End, Math.Min(End + MaxRangeMs, until), 0);

    public string ToToken() => string.Create(CultureInfo.InvariantCulture, $"{Start}-{End}-{Page}");
}

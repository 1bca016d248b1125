using System.Globalization;

namespace OrderFunctions.Connectors.Bol;

/// <summary>
/// Where a listing of changed orders stands. bol filters the order list either by the last N minutes
/// (<c>change-interval-minute</c>, at most 60) or by one day (<c>latest-change-date</c>): a window that began within the
/// hour is one interval segment; an older one is a run of day segments, from the window's first UTC day to the day
/// after its last (bol's dates are Dutch, up to 2 hours ahead of UTC). Each segment is paged (50 orders a page).
/// The page token is this cursor: <c>i{minutes}-{page}</c> or <c>d{yyyyMMdd}-{page}</c>.
/// </summary>
internal readonly record struct BolListCursor(int? IntervalMinutes, DateOnly? Day, int Page)
{
    public static BolListCursor First(DateTimeOffset since, DateTimeOffset now)
    {
        var minutes = (int)Math.Ceiling((now - since).TotalMinutes) + 1;
        return minutes <= BolApi.MaxChangeIntervalMinutes
            ? new BolListCursor(minutes, null, 1)
            : new BolListCursor(null, DateOnly.FromDateTime(since.UtcDateTime), 1);
    }

    public static BolListCursor Parse(string token)
    {
        var parts = token.Split('-');
        if (parts.Length == 2 && parts[0].Length > 1
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1)
        {
            var value = parts[0][1..];
            if (parts[0][0] == 'i' && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
                && minutes is >= 1 and <= BolApi.MaxChangeIntervalMinutes)
            {
                return new BolListCursor(minutes, null, page);
            }

            if (parts[0][0] == 'd' && DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new BolListCursor(null, day, page);
            }
        }

        throw new ArgumentException("The page token was not issued by this connector.", nameof(token));
    }

    /// <summary>The query filter of this segment.</summary>
    public string Filter => IntervalMinutes is { } minutes
        ? string.Create(CultureInfo.InvariantCulture, $"change-interval-minute={minutes}")
        : $"latest-change-date={Day!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public BolListCursor NextPage() => this with { Page = Page + 1 };

    /// <summary>The next day segment, or null when this was the last segment for a window ending at <paramref name="until"/>.</summary>
    public BolListCursor? NextSegment(DateTimeOffset until) =>
        Day is { } day && day < DateOnly.FromDateTime(until.UtcDateTime).AddDays(1)
            ? new BolListCursor(null, day.AddDays(1), 1)
            : null;

    public string ToToken() => IntervalMinutes is { } minutes
        ? string.Create(CultureInfo.InvariantCulture, $"i{minutes}-{Page}")
        : string.Create(CultureInfo.InvariantCulture, $"d{Day!.Value:yyyyMMdd}-{Page}");
}

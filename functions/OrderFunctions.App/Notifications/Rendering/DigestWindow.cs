using System.Globalization;

namespace OrderFunctions.App.Notifications.Rendering;

/// <summary>
/// A digest interval aligned to the Unix epoch in UTC (with 15 minutes: 10:00–10:15, 10:15–10:30, …), so every
/// instance of the app puts a new order into the same window and a window has one stable <see cref="Key"/>.
/// </summary>
public readonly record struct DigestWindow
{
    private DigestWindow(DateTimeOffset start, TimeSpan length)
    {
        Start = start;
        Length = length;
    }

    public DateTimeOffset Start { get; }

    public TimeSpan Length { get; }

    public DateTimeOffset End => Start + Length;

    /// <summary>The window that follows this one.</summary>
    public DigestWindow Next => new(End, Length);

    /// <summary><c>20250701T1000Z</c>: the window's start, for message ids and file names.</summary>
    public string Key => Start.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);

    public static DigestWindow Containing(DateTimeOffset instant, TimeSpan length)
    {
        if (length < TimeSpan.FromMinutes(1) || length > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "A digest window is between 1 minute and 1 day long.");
        }

        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var start = ticks - (ticks % length.Ticks);
        return new DigestWindow(DateTimeOffset.UnixEpoch.AddTicks(start), length);
    }
}

using OrderFunctions.App.Notifications.Rendering;

namespace OrderFunctions.App.Tests.Notifications.Rendering;

public sealed class DigestWindowTests
{
    [Theory]
    [InlineData("2025-07-01T10:00:00Z", "2025-07-01T10:00:00Z")]
    [InlineData("2025-07-01T10:14:59.999Z", "2025-07-01T10:00:00Z")]
    [InlineData("2025-07-01T10:15:00Z", "2025-07-01T10:15:00Z")]
    [InlineData("2025-07-01T12:44:00+02:00", "2025-07-01T10:30:00Z")]
    public void InstantsFallIntoTheEpochAlignedWindowThatContainsThem(string instant, string expectedStart)
    {
        var window = DigestWindow.Containing(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMinutes(15));

        Assert.Equal(DateTimeOffset.Parse(expectedStart, System.Globalization.CultureInfo.InvariantCulture), window.Start);
        Assert.Equal(window.Start.AddMinutes(15), window.End);
    }

    [Fact]
    public void KeyIsTheUtcStartToTheMinute() =>
        Assert.Equal("20250701T1030Z", DigestWindow.Containing(new DateTimeOffset(2025, 7, 1, 12, 44, 0, TimeSpan.FromHours(2)), TimeSpan.FromMinutes(15)).Key);

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    [InlineData(86401)]
    public void WindowLengthsOutsideOneMinuteToOneDayAreRejected(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DigestWindow.Containing(DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(seconds)));
}

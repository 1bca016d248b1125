using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.Hosting.Tests.Contract;

public class TimerInvocationTests
{
    private static TimerInvocation Read(string body) =>
        TimerInvocation.FromRequest(InvocationRequest.Parse(body), "Heartbeat", "inv-7");

    [Fact]
    public void TimerWithScheduleStatusReadsPastDueAndTheMonitorDates()
    {
        var invocation = Read(HostPayloads.TimerWithScheduleStatus);

        Assert.False(invocation.IsPastDue);
        Assert.Equal(
            new TimerScheduleStatus(
                new DateTimeOffset(2026, 1, 8, 9, 55, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 1, 8, 10, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 1, 8, 9, 55, 0, TimeSpan.Zero).AddTicks(1234567)),
            invocation.ScheduleStatus);
        Assert.Equal("Heartbeat", invocation.FunctionName);
        Assert.Equal("inv-7", invocation.InvocationId);
    }

    [Fact]
    public void TimerWithoutScheduleStatusHasNone()
    {
        var invocation = Read(HostPayloads.TimerWithoutScheduleStatus);

        Assert.True(invocation.IsPastDue);
        Assert.Null(invocation.ScheduleStatus);
    }

    [Fact]
    public void DatesWithoutOffsetAreUtc()
    {
        var invocation = Read("""
            {"Data":{"timer":{"ScheduleStatus":{"Last":"2026-01-08T09:55:00","Next":"2026-01-08T10:00:00","LastUpdated":"0001-01-01T00:00:00"},"IsPastDue":false}}}
            """);

        Assert.Equal(new DateTimeOffset(2026, 1, 8, 10, 0, 0, TimeSpan.Zero), invocation.ScheduleStatus!.Next);
        Assert.Equal(DateTimeOffset.MinValue, invocation.ScheduleStatus.LastUpdated);
    }

    [Fact]
    public void UnreadableScheduleStatusIsToleratedAsAbsent()
    {
        var invocation = Read("""{"Data":{"timer":{"ScheduleStatus":{"Last":"…"},"IsPastDue":false}}}""");

        Assert.Null(invocation.ScheduleStatus);
    }

    [Fact]
    public void RetryContextIsReadOnTimerRetries()
    {
        var invocation = Read("""
            {"Data":{"timer":{"IsPastDue":false}},"Metadata":{"RetryContext":{"RetryCount":1,"MaxRetryCount":3,"Exception":null}}}
            """);

        Assert.Equal(new InvocationRetryContext(1, 3), invocation.RetryContext);
    }

    [Theory]
    [InlineData("""{"Data":{}}""", "Data.timer is missing or null.")]
    [InlineData("""{"Data":{"timer":"\"tick\""}}""", "Data.timer must be an object, but is a string.")]
    [InlineData("""{"Data":{"timer":{"ScheduleStatus":null}}}""", "Data.timer.IsPastDue is missing.")]
    [InlineData("""{"Data":{"timer":{"IsPastDue":"no"}}}""", "Data.timer.IsPastDue must be true or false, but is a string.")]
    public void MalformedTimerPayloadIsRejectedNamingTheField(string body, string expected)
    {
        var e = Assert.Throws<InvocationRequestException>(() => Read(body));

        Assert.Equal(expected, e.Message);
    }
}

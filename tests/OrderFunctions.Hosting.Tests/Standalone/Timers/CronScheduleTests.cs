using Microsoft.Extensions.Configuration;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Hosting.Standalone.Timers;

namespace OrderFunctions.Hosting.Tests.Standalone.Timers;

public sealed class CronScheduleTests
{
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    [Fact]
    public void SixFieldScheduleCountsSecondsInUtc()
    {
        var schedule = CronSchedule.Resolve("Poll", "0 */5 * * * *", NoSettings);

        var next = schedule.GetNextOccurrence(new DateTimeOffset(2026, 1, 1, 10, 2, 30, TimeSpan.FromHours(2)));

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 8, 5, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextOccurrenceIsStrictlyAfterTheGivenTime()
    {
        var schedule = CronSchedule.Resolve("Tick", "*/10 * * * * *", NoSettings);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 10, TimeSpan.Zero), schedule.GetNextOccurrence(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void SettingTokensAreResolvedFromConfiguration()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Poll:Schedule"] = "0 */7 * * * *" }).Build();

        Assert.Equal("0 */7 * * * *", CronSchedule.Resolve("Poll", "%Poll:Schedule%", settings).Expression);
    }

    [Fact]
    public void MissingSettingIsAnErrorNamingFunctionAndSetting()
    {
        var error = Assert.Throws<StandaloneConfigurationException>(() => CronSchedule.Resolve("Poll", "%PollSchedule%", NoSettings));

        Assert.Contains("'Poll'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'PollSchedule'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*/5 * * * *")]
    [InlineData("every minute")]
    [InlineData("00:05:00")]
    public void AnythingButSixFieldNcrontabIsAnErrorNamingTheFunction(string expression)
    {
        var error = Assert.Throws<StandaloneConfigurationException>(() => CronSchedule.Resolve("Poll", expression, NoSettings));

        Assert.Contains("'Poll'", error.Message, StringComparison.Ordinal);
        Assert.Contains("6-field", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*/1 * * * * *", true)]
    [InlineData("*/10 * * * * *", true)]
    [InlineData("0 * * * * *", false)]
    [InlineData("0 */5 * * * *", false)]
    [InlineData("* 30 * * * *", false)]
    public void ScheduleFiringMoreThanOnceAMinuteIsSubMinuteAsTheHostJudgesIt(string expression, bool subMinute)
    {
        var schedule = CronSchedule.Resolve("Tick", expression, NoSettings);

        Assert.Equal(subMinute, schedule.IsSubMinute(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero)));
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using NCrontab;

namespace OrderFunctions.Hosting.Standalone.Timers;

/// <summary>A timer's 6-field NCRONTAB schedule (seconds first), in UTC as on Linux Functions plans, after the host's
/// <c>%AppSetting%</c> resolution.</summary>
internal sealed partial class CronSchedule
{
    private readonly CrontabSchedule _schedule;

    private CronSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        _schedule = schedule;
    }

    /// <summary>The resolved expression, e.g. <c>0 */5 * * * *</c>.</summary>
    public string Expression { get; }

    /// <summary>Fires more than once a minute (<c>X * * * * *</c> with several seconds): the host turns the schedule
    /// monitor off for such timers whatever <c>useMonitor</c> says (TimerSchedule.ShouldDisableScheduleMonitor).</summary>
    public bool IsSubMinute(DateTimeOffset now) =>
        Expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).All(field => field == "*")
        && _schedule.GetNextOccurrences(now.UtcDateTime, now.UtcDateTime.AddMinutes(1)).Skip(1).Any();

    /// <summary>Resolves every <c>%Name%</c> token from configuration (as the host's name resolver does), then parses.</summary>
    public static CronSchedule Resolve(string functionName, string schedule, IConfiguration configuration)
    {
        var expression = SettingToken().Replace(schedule, match =>
        {
            var name = match.Groups["name"].Value;
            var value = configuration[name];
            return string.IsNullOrWhiteSpace(value)
                ? throw new StandaloneConfigurationException(
                    $"Timer function '{functionName}': its schedule '{schedule}' names the app setting '{name}', which is not configured.")
                : value;
        }).Trim();

        try
        {
            return new CronSchedule(expression, CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        }
        catch (CrontabException e)
        {
            throw new StandaloneConfigurationException(
                $"Timer function '{functionName}': '{expression}' is not a 6-field NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}): {e.Message}", e);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset GetNextOccurrence(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(_schedule.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));

    [GeneratedRegex("%(?<name>[^%]+)%")]
    private static partial Regex SettingToken();
}

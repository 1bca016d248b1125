using System.Text.Json;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Contract;

/// <summary>A timer firing, from <c>Data.timer</c> (the host's serialized <c>TimerInfo</c>):
/// <c>{"Schedule":{…},"ScheduleStatus":{"Last","Next","LastUpdated"}|null,"IsPastDue":bool}</c>.</summary>
/// <param name="ScheduleStatus">Null when the function does not use the schedule monitor (<c>useMonitor: false</c>)
/// or the status is unreadable.</param>
public sealed record TimerInvocation(
    string FunctionName,
    string InvocationId,
    bool IsPastDue,
    TimerScheduleStatus? ScheduleStatus,
    InvocationRetryContext? RetryContext)
{
    public static TimerInvocation FromRequest(InvocationRequest request, string functionName, string invocationId)
    {
        const string path = "Data." + BindingNames.Timer;
        var timer = request.RequireData(BindingNames.Timer);
        if (timer.ValueKind != JsonValueKind.Object)
        {
            throw HostValue.WrongType(path, "an object", timer);
        }

        var isPastDue = HostValue.Property(timer, nameof(IsPastDue))
            ?? throw new InvocationRequestException($"{path}.{nameof(IsPastDue)} is missing.");

        return new TimerInvocation(
            functionName,
            invocationId,
            HostValue.ReadBoolean(isPastDue, $"{path}.{nameof(IsPastDue)}"),
            TimerScheduleStatus.From(HostValue.Property(timer, nameof(ScheduleStatus))),
            InvocationRetryContext.From(request));
    }
}

/// <summary>What the schedule monitor recorded: the previous and next occurrences and when it last wrote them.
/// Informational, so an unreadable status reads as absent rather than failing the invocation.</summary>
public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated)
{
    internal static TimerScheduleStatus? From(JsonElement? status)
    {
        if (status is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        return HostValue.FindDate(HostValue.Property(value, nameof(Last))) is { } last
            && HostValue.FindDate(HostValue.Property(value, nameof(Next))) is { } next
            && HostValue.FindDate(HostValue.Property(value, nameof(LastUpdated))) is { } lastUpdated
                ? new TimerScheduleStatus(last, next, lastUpdated)
                : null;
    }
}

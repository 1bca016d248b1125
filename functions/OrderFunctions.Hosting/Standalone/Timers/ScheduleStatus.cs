namespace OrderFunctions.Hosting.Standalone.Timers;

/// <summary>
/// A timer's monitor record, as the host keeps it: <see cref="Last"/> = the occurrence last run, <see cref="Next"/> =
/// the occurrence due next (so, during an invocation, the one running), <see cref="LastUpdated"/> = when <see cref="Next"/>
/// was computed. <see cref="Never"/> stands for "not yet", as the host's default date does.
/// </summary>
internal sealed record ScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated)
{
    public static readonly DateTimeOffset Never = DateTimeOffset.MinValue;

    /// <summary>Values below this count as unset (the host's <c>DefaultDateTimeThreshold</c>).</summary>
    public static bool IsSet(DateTimeOffset value) => value > Never.AddYears(1);
}

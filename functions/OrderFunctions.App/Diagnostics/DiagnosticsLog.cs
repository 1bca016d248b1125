namespace OrderFunctions.App.Diagnostics;

internal static partial class DiagnosticsLog
{
    [LoggerMessage(1, LogLevel.Information, "heartbeat {Time:O} (past due: {IsPastDue})")]
    public static partial void Heartbeat(ILogger logger, DateTimeOffset time, bool isPastDue);
}

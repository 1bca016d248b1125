using OrderFunctions.App.Api;
using OrderFunctions.App.Diagnostics;
using OrderFunctions.App.Functions.Workflow;
using OrderFunctions.App.Notifications;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App;

/// <summary>
/// Every function of the app, declared once (DESIGN D2). The handler routes by it, <c>handler functions-json</c>
/// writes the package's function.json files from it, and the standalone runtime drives it. Adding a function is one
/// line here plus its class (an <c>ITimerFunction</c>, <c>IQueueFunction</c> or <c>IHttpFunction</c>).
/// </summary>
internal static class AppFunctions
{
    /// <summary>App setting holding the heartbeat's NCRONTAB schedule. Schedule settings are flat names: the host cannot
    /// resolve <c>__</c> names in binding expressions (azure-functions-host#10246).</summary>
    public const string HeartbeatScheduleSetting = "HeartbeatSchedule";

    public static FunctionCatalog Create() => new FunctionCatalog()
        // No schedule monitor: a missed heartbeat needs no catch-up, and the monitor costs storage transactions.
        .AddTimer<HeartbeatFunction>("Heartbeat", new TimerTrigger($"%{HeartbeatScheduleSetting}%", UseMonitor: false))
        .AddHttp<HealthFunction>("Health", new HttpTrigger("health", ["get"], AuthorizationLevel.Anonymous))
        .AddHttp<StorageDiagnosticsFunction>("StorageDiagnostics", new HttpTrigger("diagnostics/storage", ["get"], AuthorizationLevel.Admin))
        .AddWorkflowFunctions()
        .AddNotificationFunctions()
        .AddApiFunctions();
}

namespace OrderFunctions.Hosting.Definitions;

/// <summary>Functions host authorization levels for HTTP triggers.</summary>
public enum AuthorizationLevel
{
    Anonymous,
    Function,
    Admin,
}

/// <summary>What starts a function. Binding names are fixed per trigger kind (<see cref="BindingNames"/>), so the
/// handler and the function.json files never disagree on them.</summary>
public abstract record FunctionTrigger;

/// <summary>6-field NCRONTAB in UTC (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>), or
/// <c>%SettingName%</c> naming an app setting that holds one.</summary>
public sealed record TimerTrigger(string Schedule, bool RunOnStartup = false, bool UseMonitor = true) : FunctionTrigger;

/// <summary><paramref name="Connection"/> is a connection name resolved as the host does (connection string or
/// identity-based <c>{Connection}__queueServiceUri</c> settings).</summary>
public sealed record QueueTrigger(string QueueName, string Connection) : FunctionTrigger;

/// <summary><paramref name="Route"/> is relative to the route prefix (<c>api</c>); methods lower-case.</summary>
public sealed record HttpTrigger(string Route, IReadOnlyList<string> Methods, AuthorizationLevel AuthLevel) : FunctionTrigger;

/// <summary>One function of the app: its name (= folder name in the package = handler path <c>POST /{Name}</c>)
/// and its trigger. The app declares all of them once, in one catalog; function.json files are generated from it.</summary>
public sealed record FunctionDefinition(string Name, FunctionTrigger Trigger);

public static class BindingNames
{
    public const string Timer = "timer";
    public const string QueueMessage = "msg";
    public const string HttpRequest = "req";
    public const string HttpResponse = "res";
}

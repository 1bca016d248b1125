using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing.Patterns;
using NCrontab;
using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.Hosting.Definitions;

/// <summary>
/// Every function of an app, declared once (DESIGN D2): the handler routes invocations with it, the function.json
/// files of the package are generated from it (<see cref="FunctionJson"/>) and the standalone runtime drives it.
/// Each entry ties a definition to the class that runs it; the typed <c>Add…</c> methods keep trigger kind and
/// function interface in step and reject what the Functions host would reject, when the catalog is built.
/// </summary>
public sealed partial class FunctionCatalog
{
    private readonly List<FunctionRegistration> registrations = [];
    private readonly Dictionary<string, FunctionRegistration> byName = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="routePrefix">host.json <c>extensions.http.routePrefix</c>; HTTP functions are served under it.</param>
    public FunctionCatalog(string routePrefix = DefaultRoutePrefix)
    {
        if (!RouteSegment().IsMatch(routePrefix))
        {
            throw new ArgumentException(
                $"Route prefix '{routePrefix}' must be one non-empty path segment, e.g. '{DefaultRoutePrefix}'.", nameof(routePrefix));
        }

        RoutePrefix = routePrefix;
    }

    public const string DefaultRoutePrefix = "api";

    public string RoutePrefix { get; }

    public IReadOnlyList<FunctionRegistration> Registrations => registrations;

    public IReadOnlyList<FunctionDefinition> Definitions => [.. registrations.Select(r => r.Definition)];

    /// <summary>App settings named by <c>%Setting%</c> in schedules and queue names: each must exist wherever the app
    /// runs. Setting names may not contain <c>__</c>: the host cannot resolve those in binding expressions
    /// (azure-functions-host#10246).</summary>
    public IReadOnlyList<string> ReferencedSettings =>
    [
        .. registrations
            .Select(r => r.Definition.Trigger switch
            {
                TimerTrigger timer => SettingReference.Find(timer.Schedule),
                QueueTrigger queue => SettingReference.Find(queue.QueueName),
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase),
    ];

    /// <summary>Connection names used by queue triggers: each resolves as the host does (a connection string in
    /// <c>{name}</c> or <c>AzureWebJobs{name}</c>, or identity-based <c>{name}__queueServiceUri</c> settings).</summary>
    public IReadOnlyList<string> Connections =>
    [
        .. registrations
            .Select(r => r.Definition.Trigger)
            .OfType<QueueTrigger>()
            .Select(queue => queue.Connection)
            .Distinct(StringComparer.OrdinalIgnoreCase),
    ];

    public FunctionCatalog AddTimer<TFunction>(string name, TimerTrigger trigger)
        where TFunction : class, ITimerFunction
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ValidateSchedule(name, trigger.Schedule);
        return Add(new FunctionDefinition(name, trigger), typeof(TFunction));
    }

    public FunctionCatalog AddQueue<TFunction>(string name, QueueTrigger trigger)
        where TFunction : class, IQueueFunction
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (SettingReference.Find(trigger.QueueName) is { } setting)
        {
            ValidateSettingReference(name, setting, "queue name");
        }
        else if (!QueueName().IsMatch(trigger.QueueName))
        {
            throw Invalid(name, $"queue name '{trigger.QueueName}' is not a valid Storage queue name (3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit).");
        }

        if (!SettingName().IsMatch(trigger.Connection))
        {
            throw Invalid(name, $"connection '{trigger.Connection}' is not a valid app setting name.");
        }

        return Add(new FunctionDefinition(name, trigger), typeof(TFunction));
    }

    public FunctionCatalog AddHttp<TFunction>(string name, HttpTrigger trigger)
        where TFunction : class, IHttpFunction
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ValidateRoute(name, trigger);
        return Add(new FunctionDefinition(name, trigger), typeof(TFunction));
    }

    public bool TryGet(string name, [NotNullWhen(true)] out FunctionRegistration? registration) =>
        byName.TryGetValue(name, out registration);

    /// <summary>The path an HTTP function is served at, e.g. <c>/api/orders/{id?}</c>.</summary>
    public string RouteTemplate(HttpTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return $"/{RoutePrefix}/{trigger.Route}";
    }

    private FunctionCatalog Add(FunctionDefinition definition, Type functionType)
    {
        if (!FunctionName().IsMatch(definition.Name))
        {
            throw Invalid(definition.Name, "a function name starts with a letter and has at most 128 letters, digits, '_' and '-'.");
        }

        if (byName.ContainsKey(definition.Name))
        {
            throw Invalid(definition.Name, "another function has the same name (names are case-insensitive).");
        }

        var registration = new FunctionRegistration(definition, functionType);
        registrations.Add(registration);
        byName.Add(definition.Name, registration);
        return this;
    }

    private static void ValidateSchedule(string name, string schedule)
    {
        if (SettingReference.Find(schedule) is { } setting)
        {
            ValidateSettingReference(name, setting, "schedule");
        }
        else if (!IsValidCron(schedule))
        {
            throw Invalid(name, $"schedule '{schedule}' is not a 6-field NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}) nor a %Setting% reference.");
        }
    }

    private static void ValidateSettingReference(string name, string setting, string what)
    {
        if (!SettingName().IsMatch(setting) || setting.Contains("__", StringComparison.Ordinal))
        {
            throw Invalid(name, $"{what} setting '{setting}' must be a plain app setting name without '__' (the host cannot resolve '__' in binding expressions).");
        }
    }

    /// <summary>True when <paramref name="schedule"/> is a 6-field NCRONTAB expression, the only schedule form this
    /// app uses (the TimeSpan form works on App Service plans only).</summary>
    public static bool IsValidCron(string schedule) =>
        CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is not null;

    private void ValidateRoute(string name, HttpTrigger trigger)
    {
        if (string.IsNullOrWhiteSpace(trigger.Route) || trigger.Route.StartsWith('/'))
        {
            throw Invalid(name, $"route '{trigger.Route}' must be non-empty and relative to the route prefix (no leading '/').");
        }

        try
        {
            RoutePatternFactory.Parse(trigger.Route);
        }
        catch (RoutePatternException e)
        {
            throw Invalid(name, $"route '{trigger.Route}' is not a valid route template: {e.Message}");
        }

        foreach (var method in trigger.Methods)
        {
            if (!HttpMethods.Contains(method))
            {
                throw Invalid(name, $"method '{method}' is not one of {string.Join(", ", HttpMethods)} (lower-case).");
            }
        }

        foreach (var other in registrations.Select(r => r.Definition).Where(d => d.Trigger is HttpTrigger))
        {
            var otherTrigger = (HttpTrigger)other.Trigger;
            var sameRoute = string.Equals(otherTrigger.Route, trigger.Route, StringComparison.OrdinalIgnoreCase);
            var methodsOverlap = trigger.Methods.Count == 0 || otherTrigger.Methods.Count == 0 || trigger.Methods.Intersect(otherTrigger.Methods).Any();
            if (sameRoute && methodsOverlap)
            {
                throw Invalid(name, $"route '{trigger.Route}' is already served by '{other.Name}' for the same method.");
            }
        }
    }

    private static ArgumentException Invalid(string name, string problem) => new($"Function '{name}': {problem}");

    private static readonly string[] HttpMethods = ["get", "post", "put", "delete", "patch", "head", "options", "trace"];

    // The Functions host's own rule for function names.
    [GeneratedRegex("^[a-z][a-z0-9_-]{0,127}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SettingName();

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RouteSegment();
}

/// <summary>One entry of a <see cref="FunctionCatalog"/>: the definition and the class that runs it (an
/// <see cref="ITimerFunction"/>, <see cref="IQueueFunction"/> or <see cref="IHttpFunction"/> matching the trigger).</summary>
public sealed record FunctionRegistration(FunctionDefinition Definition, Type FunctionType)
{
    public string Name => Definition.Name;
}

/// <summary>A <c>%Setting%</c> binding expression: the value comes from the app setting named between the signs.</summary>
public static class SettingReference
{
    /// <summary>The setting name when <paramref name="value"/> is exactly <c>%Name%</c>; otherwise null.</summary>
    public static string? Find(string value) =>
        value is ['%', .. var name, '%'] && name.Length > 0 && !name.Contains('%', StringComparison.Ordinal) ? name : null;
}

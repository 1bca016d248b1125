using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderFunctions.Hosting.Definitions;

/// <summary>
/// Writes the function.json of each definition exactly as the Functions host reads it (one folder per function,
/// folder name = function name). Timer: <c>timerTrigger</c> named <c>timer</c> with schedule, runOnStartup and
/// useMonitor. Queue: <c>queueTrigger</c> named <c>msg</c> with queueName and connection. HTTP: <c>httpTrigger</c>
/// <c>req</c> (authLevel, methods, route) plus the <c>http</c> output <c>res</c>, the single-in/single-out shape the
/// host needs to forward the request as is. <c>%Setting%</c> values pass through for the host to resolve.
/// </summary>
public static class FunctionJson
{
    public const string FileName = "function.json";

    private static readonly JsonSerializerOptions Formatting = new() { WriteIndented = true, IndentSize = 2, NewLine = "\n" };

    /// <summary>The function.json text: two-space indented, LF line ends, a final newline.</summary>
    public static string Render(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var bindings = new JsonArray();
        foreach (var binding in Bindings(definition.Trigger))
        {
            bindings.Add(binding);
        }

        return new JsonObject { ["bindings"] = bindings }.ToJsonString(Formatting) + "\n";
    }

    /// <summary>Writes <c>{directory}/{Name}/function.json</c> for each definition and returns the files written.</summary>
    public static IReadOnlyList<string> WriteFolders(IEnumerable<FunctionDefinition> definitions, string directory)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var written = new List<string>();
        foreach (var definition in definitions)
        {
            var folder = Directory.CreateDirectory(Path.Combine(directory, definition.Name));
            var file = Path.Combine(folder.FullName, FileName);
            File.WriteAllText(file, Render(definition));
            written.Add(file);
        }

        return written;
    }

    private static IEnumerable<JsonObject> Bindings(FunctionTrigger trigger) => trigger switch
    {
        TimerTrigger timer =>
        [
            new JsonObject
            {
                ["name"] = BindingNames.Timer,
                ["type"] = "timerTrigger",
                ["direction"] = "in",
                ["schedule"] = timer.Schedule,
                ["runOnStartup"] = timer.RunOnStartup,
                ["useMonitor"] = timer.UseMonitor,
            },
        ],
        QueueTrigger queue =>
        [
            new JsonObject
            {
                ["name"] = BindingNames.QueueMessage,
                ["type"] = "queueTrigger",
                ["direction"] = "in",
                ["queueName"] = queue.QueueName,
                ["connection"] = queue.Connection,
            },
        ],
        HttpTrigger http =>
        [
            HttpTriggerBinding(http),
            new JsonObject { ["name"] = BindingNames.HttpResponse, ["type"] = "http", ["direction"] = "out" },
        ],
        _ => throw new ArgumentException($"Unknown trigger kind {trigger.GetType().Name}.", nameof(trigger)),
    };

    private static JsonObject HttpTriggerBinding(HttpTrigger http)
    {
        var binding = new JsonObject
        {
            ["name"] = BindingNames.HttpRequest,
            ["type"] = "httpTrigger",
            ["direction"] = "in",
            ["authLevel"] = AuthLevelName(http.AuthLevel),
        };

        // No methods means every method, as in the host.
        if (http.Methods.Count > 0)
        {
            binding["methods"] = new JsonArray([.. http.Methods.Select(m => JsonValue.Create(m))]);
        }

        binding["route"] = http.Route;
        return binding;
    }

    public static string AuthLevelName(AuthorizationLevel level) => level switch
    {
        AuthorizationLevel.Anonymous => "anonymous",
        AuthorizationLevel.Function => "function",
        AuthorizationLevel.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown authorization level."),
    };
}

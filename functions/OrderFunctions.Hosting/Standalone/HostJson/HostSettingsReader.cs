using System.Globalization;
using System.Text.Json;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Standalone.HostJson;

/// <summary>
/// Reads host.json the way the Functions host binds it: keys case-insensitive, TimeSpans in <c>hh:mm:ss</c>, numbers and
/// booleans also accepted as strings, and the host's defaults for whatever is absent
/// (reference/functions-custom-handler.md §1). Anything present but invalid is an error naming the key.
/// </summary>
internal static class HostSettingsReader
{
    /// <summary>Core Tools' default; the host in Azure polls at most every minute. The standalone runtime always runs locally.</summary>
    internal static readonly TimeSpan LocalMaxPollingInterval = TimeSpan.FromSeconds(2);

    /// <summary>The host's functionTimeout when host.json sets none, outside the Consumption plan.</summary>
    internal static readonly TimeSpan DefaultFunctionTimeout = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private const int MaxBatchSize = 32;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static HostSettings ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StandaloneConfigurationException($"host.json could not be read from '{path}': {e.Message}", e);
        }

        return Parse(text);
    }

    public static HostSettings Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new StandaloneConfigurationException($"host.json is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("(root)", "must be a JSON object");
            }

            var version = ReadString(root, "version");
            if (version != "2.0")
            {
                throw Invalid("version", $"must be \"2.0\" (found {Describe(version)})");
            }

            var extensions = Child(root, "extensions", "extensions");
            var queues = Child(extensions, "queues", "extensions.queues");
            var http = Child(extensions, "http", "extensions.http");
            var customHandler = Child(root, "customHandler", "customHandler");

            return new HostSettings(
                ReadQueueSettings(queues),
                ReadRoutePrefix(http),
                ReadFunctionTimeout(root),
                ReadBoolean(customHandler, "enableForwardingHttpRequest", "customHandler.enableForwardingHttpRequest") ?? false);
        }
    }

    private static QueueSettings ReadQueueSettings(JsonElement? queues)
    {
        const string Prefix = "extensions.queues.";

        var maxPollingInterval = ReadTimeSpan(queues, "maxPollingInterval", Prefix) ?? LocalMaxPollingInterval;
        if (maxPollingInterval < MinimumPollingInterval)
        {
            throw Invalid(Prefix + "maxPollingInterval", $"must be at least 00:00:00.1 (found {maxPollingInterval:c})");
        }

        var visibilityTimeout = ReadTimeSpan(queues, "visibilityTimeout", Prefix) ?? TimeSpan.Zero;
        if (visibilityTimeout < TimeSpan.Zero || visibilityTimeout > TimeSpan.FromDays(7))
        {
            throw Invalid(Prefix + "visibilityTimeout", $"must be between 00:00:00 and 7.00:00:00 (found {visibilityTimeout:c})");
        }

        var batchSize = ReadInt32(queues, "batchSize", Prefix) ?? 16;
        if (batchSize is < 1 or > MaxBatchSize)
        {
            throw Invalid(Prefix + "batchSize", $"must be an integer from 1 to {MaxBatchSize} (found {batchSize})");
        }

        // The host's default scales with the machine: vCPUs * batchSize / 2.
        var newBatchThreshold = ReadInt32(queues, "newBatchThreshold", Prefix) ?? Environment.ProcessorCount * batchSize / 2;
        if (newBatchThreshold < 0)
        {
            throw Invalid(Prefix + "newBatchThreshold", $"must not be negative (found {newBatchThreshold})");
        }

        var maxDequeueCount = ReadInt32(queues, "maxDequeueCount", Prefix) ?? 5;
        if (maxDequeueCount < 1)
        {
            throw Invalid(Prefix + "maxDequeueCount", $"must be at least 1 (found {maxDequeueCount})");
        }

        var encoding = ReadString(queues, "messageEncoding") switch
        {
            null => QueueMessageEncoding.Base64,
            var e when e.Equals("base64", StringComparison.OrdinalIgnoreCase) => QueueMessageEncoding.Base64,
            var e when e.Equals("none", StringComparison.OrdinalIgnoreCase) => QueueMessageEncoding.None,
            var e => throw Invalid(Prefix + "messageEncoding", $"must be \"base64\" or \"none\" (found \"{e}\")"),
        };

        return new QueueSettings(maxPollingInterval, visibilityTimeout, batchSize, newBatchThreshold, maxDequeueCount, encoding);
    }

    private static string ReadRoutePrefix(JsonElement? http)
    {
        var prefix = ReadString(http, "routePrefix", "extensions.http.routePrefix") ?? "api";
        return prefix.Trim('/');
    }

    /// <summary>Absent: the host's default outside the Consumption plan (30 minutes, ScriptHostOptionsSetup), which is
    /// what Core Tools uses locally — so a handler that never answers fails the invocation, and its queue message is
    /// retried and eventually poisoned instead of staying leased forever. Null means unbounded: <c>-1</c>, as the host
    /// allows on dedicated plans.</summary>
    private static TimeSpan? ReadFunctionTimeout(JsonElement root)
    {
        var value = ReadString(root, "functionTimeout");
        if (value is null)
        {
            return DefaultFunctionTimeout;
        }

        if (value == "-1")
        {
            return null;
        }

        if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var timeout) || timeout <= TimeSpan.Zero)
        {
            throw Invalid("functionTimeout", $"must be a positive TimeSpan like \"00:10:00\" or -1 (found \"{value}\")");
        }

        return timeout;
    }

    private static JsonElement? Child(JsonElement? parent, string name, string key)
    {
        var element = Find(parent, name);
        if (element is { ValueKind: not JsonValueKind.Object and not JsonValueKind.Null })
        {
            throw Invalid(key, "must be a JSON object");
        }

        return element is { ValueKind: JsonValueKind.Object } ? element : null;
    }

    private static JsonElement? Find(JsonElement? parent, string name)
    {
        if (parent is not { ValueKind: JsonValueKind.Object } obj)
        {
            return null;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (property.NameEquals(name) || property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string? ReadString(JsonElement? parent, string name, string? key = null)
    {
        var element = Find(parent, name);
        return element?.ValueKind switch
        {
            null or JsonValueKind.Null => null,
            JsonValueKind.String => element.Value.GetString(),
            JsonValueKind.Number => element.Value.GetRawText(),
            _ => throw Invalid(key ?? name, $"must be a string (found {element.Value.GetRawText()})"),
        };
    }

    private static TimeSpan? ReadTimeSpan(JsonElement? parent, string name, string prefix)
    {
        var value = ReadString(parent, name, prefix + name);
        if (value is null)
        {
            return null;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Invalid(prefix + name, $"must be a TimeSpan like \"00:00:30\" (found \"{value}\")");
    }

    private static int? ReadInt32(JsonElement? parent, string name, string prefix)
    {
        var value = ReadString(parent, name, prefix + name);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Invalid(prefix + name, $"must be an integer (found {value})");
    }

    private static bool? ReadBoolean(JsonElement? parent, string name, string key)
    {
        var element = Find(parent, name);
        return element?.ValueKind switch
        {
            null or JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(element.Value.GetString(), out var b) => b,
            _ => throw Invalid(key, $"must be true or false (found {element.Value.GetRawText()})"),
        };
    }

    private static string Describe(string? value) => value is null ? "nothing" : $"\"{value}\"";

    private static StandaloneConfigurationException Invalid(string key, string problem) =>
        new($"host.json: '{key}' {problem}.");
}

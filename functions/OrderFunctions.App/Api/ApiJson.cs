using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderFunctions.App.Api;

/// <summary>The API's one JSON setup, for bodies read and written: camelCase, enums as their names, nulls left out,
/// numbers only as numbers, and no comments or trailing commas (a body is read exactly as sent).</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

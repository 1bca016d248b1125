using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrderFunctions.Connectors.Http;

/// <summary>The JSON settings request bodies are written with (property names are spelled out per platform with
/// <see cref="JsonPropertyNameAttribute"/> or anonymous types, so no naming policy is applied).</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

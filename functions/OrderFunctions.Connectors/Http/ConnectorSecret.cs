using System.Text.Json;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Http;

/// <summary>
/// A connector's credentials: the JSON object kept in the secret store under <c>ConnectorAccount.SecretName</c>
/// (each platform documents its fields in docs/connectors/). A missing field or broken JSON is a clear, non-transient
/// <see cref="ConnectorException"/> naming the platform, the secret and the field — never a value from it.
/// </summary>
public sealed class ConnectorSecret
{
    private readonly Dictionary<string, string> _values;
    private readonly string _platform;
    private readonly string _secretName;

    private ConnectorSecret(Dictionary<string, string> values, string platform, string secretName)
    {
        _values = values;
        _platform = platform;
        _secretName = secretName;
    }

    public static ConnectorSecret Parse(string platform, string secretName, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(platform, secretName, "is not a JSON object", field: null);
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        values[property.Name] = property.Value.GetString()!;
                        break;
                    case JsonValueKind.Number:
                        values[property.Name] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        throw Invalid(platform, secretName, $"has '{property.Name}' that is not a string", property.Name);
                }
            }

            return new ConnectorSecret(values, platform, secretName);
        }
        catch (JsonException)
        {
            // The parser's message quotes the offending characters: never pass it on.
            throw Invalid(platform, secretName, "is not valid JSON", field: null);
        }
    }

    public string Required(string name) =>
        Optional(name) ?? throw Invalid(_platform, _secretName, $"lacks '{name}'", name);

    /// <summary>The value, or null when absent or blank.</summary>
    public string? Optional(string name) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static ConnectorException Invalid(string platform, string secretName, string problem, string? field) =>
        new(platform, $"{platform}: the credentials secret '{secretName}' {problem}.", isTransient: false, field: field);
}

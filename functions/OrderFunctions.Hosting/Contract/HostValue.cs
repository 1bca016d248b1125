using System.Globalization;
using System.Text.Json;

namespace OrderFunctions.Hosting.Contract;

/// <summary>
/// Reads the values the Functions host puts into <c>Data</c> and <c>Metadata</c>. The host serializes every value that
/// is not an object or a date with <c>JsonConvert.SerializeObject</c> and then puts that JSON text into a JSON string,
/// so a queue message arrives as <c>"\"text\""</c> and a dequeue count as <c>"1"</c>. <see cref="Decode"/> undoes
/// that once; the typed readers name the offending path when a value has the wrong type.
/// </summary>
internal static class HostValue
{
    /// <summary>A JSON string holding JSON text becomes that JSON value; anything else is returned unchanged.</summary>
    public static JsonElement Decode(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value.Clone();
        }

        var text = value.GetString()!;
        if (!CouldBeJsonText(text))
        {
            return value.Clone();
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Plain text that merely starts like JSON (e.g. "{not json"): it was sent as is.
            return value.Clone();
        }
    }

    // Cheap pre-check so that plain values (dates, ids, words) never cost a parse exception.
    private static bool CouldBeJsonText(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return false;
        }

        return trimmed[0] switch
        {
            '"' or '{' or '[' => true,
            '-' or (>= '0' and <= '9') => double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            _ => trimmed is "true" or "false" or "null",
        };
    }

    /// <summary>The property <paramref name="name"/> of an object, matched case-insensitively as Newtonsoft does;
    /// null when absent.</summary>
    public static JsonElement? Property(JsonElement obj, string name)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    public static bool IsAbsent(JsonElement? value) =>
        value is null || value.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;

    /// <summary>Text that the double decoding may have turned into a number or a boolean (an id such as <c>"42"</c>)
    /// reads back as the text it was.</summary>
    public static string ReadText(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => throw WrongType(path, "a string", value),
    };

    public static bool ReadBoolean(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw WrongType(path, "true or false", value),
    };

    /// <summary>A whole number sent either as a JSON number or as a string holding one (the host does both).</summary>
    public static long ReadInt64(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw WrongType(path, "a whole number", value);
    }

    /// <summary>An ISO 8601 date (one without an offset is UTC, as Newtonsoft writes unspecified DateTimes), or null
    /// when the value is absent or unreadable: dates are informational and never worth failing an invocation for.</summary>
    public static DateTimeOffset? FindDate(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } text
        && DateTimeOffset.TryParse(text.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    public static InvocationRequestException WrongType(string path, string expected, JsonElement actual) =>
        new($"{path} must be {expected}, but is {Describe(actual.ValueKind)}.");

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}

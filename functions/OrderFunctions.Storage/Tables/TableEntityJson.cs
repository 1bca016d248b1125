using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace OrderFunctions.Storage.Tables;

/// <summary>
/// Table entities as OData JSON (minimal metadata). Writing annotates every type JSON cannot carry on its own
/// (<c>Edm.Int64</c> as a string, <c>Edm.DateTime</c>, <c>Edm.Guid</c>, <c>Edm.Binary</c>, and <c>Edm.Double</c> so that
/// 2.0 does not come back as an Int32); reading restores the CLR type from the <c>@odata.type</c> annotations.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteEntity(writer, entity);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteEntity(Utf8JsonWriter writer, TableEntity entity)
    {
        ValidateKey(entity.PartitionKey, nameof(TableEntity.PartitionKey));
        ValidateKey(entity.RowKey, nameof(TableEntity.RowKey));
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", entity.PartitionKey);
        writer.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity)
        {
            ValidatePropertyName(name);
            WriteProperty(writer, name, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                // The service stores no nulls: an absent property is how a table says "no value".
                break;
            case string s:
                writer.WriteString(name, s);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }

                break;
            case DateTimeOffset dto:
                WriteDateTime(writer, name, dto.UtcDateTime);
                break;
            case DateTime dt:
                WriteDateTime(writer, name, dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc));
                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new ArgumentException(
                    $"Property '{name}' has type {value.GetType().Name}, which a table cannot store; use string, bool, int, long, double, DateTimeOffset, Guid or byte[].");
        }
    }

    private static void WriteDateTime(Utf8JsonWriter writer, string name, DateTime utc)
    {
        writer.WriteString(name + TypeSuffix, "Edm.DateTime");
        writer.WriteString(name, utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
    }

    private static void ValidateKey(string? key, string name)
    {
        if (key is null)
        {
            throw new ArgumentException($"The entity's {name} is null.");
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"The entity's {name} contains '/', '\\', '#', '?' or a control character, which the Table service forbids in keys.");
            }
        }
    }

    private static void ValidatePropertyName(string name)
    {
        if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || name.Contains('@', StringComparison.Ordinal) || name.Length == 0)
        {
            throw new ArgumentException($"'{name}' cannot be an entity property: keys, Timestamp and ETag are the entity's own members, and '@' is reserved.");
        }
    }

    public static TableEntity Deserialize(JsonElement element)
    {
        var entity = new TableEntity();
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.EndsWith(TypeSuffix, StringComparison.Ordinal) || name.StartsWith("odata.", StringComparison.Ordinal))
            {
                if (name == "odata.etag")
                {
                    entity.ETag = new ETag(property.Value.GetString()!);
                }

                continue;
            }

            var edmType = element.TryGetProperty(name + TypeSuffix, out var annotation) ? annotation.GetString() : null;
            switch (name)
            {
                case "PartitionKey":
                    entity.PartitionKey = property.Value.GetString() ?? "";
                    break;
                case "RowKey":
                    entity.RowKey = property.Value.GetString() ?? "";
                    break;
                case "Timestamp":
                    entity.Timestamp = ParseDateTime(property.Value.GetString()!);
                    break;
                default:
                    if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        entity[name] = ReadValue(property.Value, edmType);
                    }

                    break;
            }
        }

        return entity;
    }

    private static object ReadValue(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble(),
        "Edm.DateTime" => ParseDateTime(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.String" => value.GetString()!,
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            // Unannotated numbers are Int32 unless they carry a fraction or an exponent (OData JSON rules).
            JsonValueKind.Number => IsIntegerLiteral(value) && value.TryGetInt32(out var i) ? (object)i : value.GetDouble(),
            _ => throw new FormatException($"Unexpected JSON {value.ValueKind} for a table property."),
        },
    };

    private static bool IsIntegerLiteral(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

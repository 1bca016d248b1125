using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderFunctions.Sandbox.Shopify.GraphQL;

/// <summary>Coerced argument values of one field, with typed getters.</summary>
internal sealed class GqlArguments(IReadOnlyDictionary<string, JsonNode?> values)
{
    public static GqlArguments None { get; } = new(new Dictionary<string, JsonNode?>());

    public JsonNode? this[string name] => values.GetValueOrDefault(name);

    public bool Has(string name) => values.TryGetValue(name, out var value) && value is not null;

    public string? String(string name) => this[name]?.GetValue<string>();

    public int? Int(string name) => this[name] is { } value ? (int)ToInt64(value) : null;

    /// <summary>An integer from JSON parsed off the wire or built in code (which holds an int, not a long).</summary>
    public static long ToInt64(JsonNode value) =>
        value.AsValue().TryGetValue<long>(out var number) ? number : Convert.ToInt64(value.AsValue().GetValue<object>(), CultureInfo.InvariantCulture);

    public bool? Bool(string name) => this[name]?.GetValue<bool>();
}

/// <summary>A field of an object type: its type, its arguments' types and how it is resolved from its parent.</summary>
internal sealed record GqlFieldDefinition(string Name, GqlTypeRef Type, IReadOnlyDictionary<string, GqlTypeRef> Arguments, Func<object, GqlArguments, object?> Resolve);

internal sealed class GqlObjectType(string name)
{
    public string Name { get; } = name;

    public Dictionary<string, GqlFieldDefinition> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds a field; <paramref name="arguments"/> are "name: Type" pairs such as <c>("first", "Int")</c>.</summary>
    public GqlObjectType Field(string field, string type, Func<object, GqlArguments, object?> resolve, params (string Name, string Type)[] arguments)
    {
        Fields[field] = new GqlFieldDefinition(field, GqlTypeRef.Parse(type), arguments.ToDictionary(a => a.Name, a => GqlTypeRef.Parse(a.Type), StringComparer.Ordinal), resolve);
        return this;
    }

    /// <summary>A field read straight off the parent object.</summary>
    public GqlObjectType Field<T>(string field, string type, Func<T, object?> read) => Field(field, type, (source, _) => read((T)source));
}

/// <summary>An input object type: its fields and their types.</summary>
internal sealed record GqlInputType(string Name, IReadOnlyDictionary<string, GqlTypeRef> Fields);

/// <summary>
/// The types a simulated GraphQL API knows: object types with resolvers, input objects, enums and scalars. Values
/// are checked against them the way a GraphQL server does (unknown fields, nulls where a value is required, wrong
/// scalar kinds, unknown enum values), so a connector's mistakes surface as the errors a real server returns.
/// </summary>
internal sealed class GqlSchema
{
    private readonly Dictionary<string, Func<JsonNode, bool>> _scalars = new(StringComparer.Ordinal)
    {
        ["String"] = v => v.GetValueKind() == JsonValueKind.String,
        ["ID"] = v => v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number,
        ["Int"] = v => v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= int.MinValue and <= int.MaxValue,
        ["Float"] = v => v.GetValueKind() == JsonValueKind.Number,
        ["Boolean"] = v => v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        ["Decimal"] = v => v.GetValueKind() == JsonValueKind.Number
            || (v.GetValueKind() == JsonValueKind.String && decimal.TryParse((string)v!, NumberStyles.Number, CultureInfo.InvariantCulture, out _)),
        ["DateTime"] = v => v.GetValueKind() == JsonValueKind.String && DateTimeOffset.TryParse((string)v!, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        ["UnsignedInt64"] = v => v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number,
        ["URL"] = v => v.GetValueKind() == JsonValueKind.String && Uri.TryCreate((string)v!, UriKind.Absolute, out _),
        ["JSON"] = _ => true,
    };

    private readonly Dictionary<string, Func<string, bool>> _enums = new(StringComparer.Ordinal);

    public Dictionary<string, GqlObjectType> Objects { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GqlInputType> Inputs { get; } = new(StringComparer.Ordinal);

    public GqlObjectType Object(string name)
    {
        if (!Objects.TryGetValue(name, out var type))
        {
            Objects[name] = type = new GqlObjectType(name);
        }

        return type;
    }

    public void Input(string name, params (string Name, string Type)[] fields) =>
        Inputs[name] = new GqlInputType(name, fields.ToDictionary(f => f.Name, f => GqlTypeRef.Parse(f.Type), StringComparer.Ordinal));

    public void Enum(string name, params string[] values) => _enums[name] = values.Contains;

    /// <summary>An enum whose values are too many to list (currency and country codes): a rule instead.</summary>
    public void Enum(string name, Func<string, bool> isValue) => _enums[name] = isValue;

    public bool IsLeaf(string typeName) => _scalars.ContainsKey(typeName) || _enums.ContainsKey(typeName);

    public bool IsEnum(string typeName) => _enums.ContainsKey(typeName);

    /// <summary>Checks an input value (from variables, or a literal already converted) against its type and returns
    /// it; <paramref name="path"/> names the position for the error ("lineItems.0.quantity").</summary>
    public JsonNode? Coerce(JsonNode? value, GqlTypeRef type, string path)
    {
        if (value is null)
        {
            return type.NonNull ? throw Invalid(path, "Expected value to not be null") : null;
        }

        if (type.IsList)
        {
            // A single value where a list is expected counts as a one-item list (GraphQL input coercion).
            var items = value as JsonArray ?? new JsonArray(value.DeepClone());
            return new JsonArray([.. items.Select((item, i) => Coerce(item, type.ItemType!, Join(path, i.ToString(CultureInfo.InvariantCulture))))]);
        }

        var name = type.Name!;
        if (_scalars.TryGetValue(name, out var isScalar))
        {
            return isScalar(value) ? value.DeepClone() : throw Invalid(path, $"Could not coerce value {Describe(value)} to {name}");
        }

        if (_enums.TryGetValue(name, out var isValue))
        {
            return value.GetValueKind() == JsonValueKind.String && isValue((string)value!)
                ? value.DeepClone()
                : throw Invalid(path, $"Expected {Describe(value)} to be one of the values of {name}");
        }

        if (!Inputs.TryGetValue(name, out var input))
        {
            throw new GqlException($"Type {name} is not an input type.", "variableRequiresValidType");
        }

        if (value is not JsonObject fields)
        {
            throw Invalid(path, $"Expected {Describe(value)} to be a key-value object");
        }

        var result = new JsonObject();
        foreach (var (field, fieldValue) in fields)
        {
            if (!input.Fields.TryGetValue(field, out var fieldType))
            {
                throw Invalid(Join(path, field), $"Field is not defined on {name}");
            }

            result[field] = Coerce(fieldValue, fieldType, Join(path, field));
        }

        foreach (var (field, fieldType) in input.Fields.Where(f => f.Value.NonNull && !fields.ContainsKey(f.Key)))
        {
            throw Invalid(Join(path, field), "Expected value to not be null");
        }

        return result;
    }

    private static GqlException Invalid(string path, string problem) => new($"{path} ({problem})", "INVALID_VARIABLE");

    private static string Join(string path, string part) => path.Length == 0 ? part : $"{path}.{part}";

    private static string Describe(JsonNode value) => value.ToJsonString();
}

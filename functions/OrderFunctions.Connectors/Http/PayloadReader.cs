using System.Globalization;
using System.Text.Json;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Http;

/// <summary>
/// Reads a platform's JSON with the path of every value, so a missing field, a wrong type or an unexpected null
/// becomes a <see cref="ConnectorException"/> naming the platform, the order and the field
/// (<c>trendyol order 80869231: field 'content[3].lines[0].quantity' should be a number but is a string</c>)
/// instead of a NullReferenceException somewhere later. Bad data is not transient: retrying will not fix it.
/// </summary>
public readonly struct PayloadReader
{
    private readonly string _platform;

    private PayloadReader(JsonElement element, string path, string platform, string? orderId)
    {
        Element = element;
        Path = path;
        _platform = platform;
        OrderId = orderId;
    }

    public JsonElement Element { get; }

    /// <summary>JSON path from the document root, e.g. <c>orders[2].orderItems[0].ean</c>.</summary>
    public string Path { get; }

    public string? OrderId { get; }

    public static PayloadReader Root(JsonElement element, string platform, string? orderId = null) =>
        new(element, "", platform, orderId);

    /// <summary>The same value, now known to belong to <paramref name="orderId"/> (errors name it from here on).</summary>
    public PayloadReader ForOrder(string orderId) => new(Element, Path, _platform, orderId);

    public bool Has(string name) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public PayloadReader Required(string name)
    {
        var child = Optional(name);
        return child ?? throw Error(Join(name), Element.TryGetProperty(name, out _) ? "is null" : "is missing");
    }

    public PayloadReader? Optional(string name)
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw Error(Path, $"should be an object but is {Describe(Element.ValueKind)}");
        }

        return Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? new PayloadReader(value, Join(name), _platform, OrderId)
            : null;
    }

    public IEnumerable<PayloadReader> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw Error(Path, $"should be an array but is {Describe(Element.ValueKind)}");
        }

        var index = 0;
        var items = new List<PayloadReader>(Element.GetArrayLength());
        foreach (var item in Element.EnumerateArray())
        {
            items.Add(new PayloadReader(item, $"{Path}[{index++}]", _platform, OrderId));
        }

        return items;
    }

    /// <summary>A string; numbers are accepted and written invariantly (ids and tracking codes arrive as either).</summary>
    public string AsString() => Element.ValueKind switch
    {
        JsonValueKind.String => Element.GetString()!,
        JsonValueKind.Number => Element.GetRawText(),
        _ => throw Error(Path, $"should be a string but is {Describe(Element.ValueKind)}"),
    };

    public string AsNonEmptyString()
    {
        var value = AsString();
        return value.Trim().Length > 0 ? value : throw Error(Path, "is empty");
    }

    /// <summary>A decimal; numeric strings are accepted (WooCommerce money values are strings).</summary>
    public decimal AsDecimal() => Element.ValueKind switch
    {
        JsonValueKind.Number when Element.TryGetDecimal(out var d) => d,
        JsonValueKind.String when decimal.TryParse(Element.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw Error(Path, $"should be a number but is {Describe(Element)}"),
    };

    public long AsInt64() => Element.ValueKind switch
    {
        JsonValueKind.Number when Element.TryGetInt64(out var l) => l,
        JsonValueKind.String when long.TryParse(Element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => throw Error(Path, $"should be an integer but is {Describe(Element)}"),
    };

    public int AsInt32()
    {
        var value = AsInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Error(Path, "is out of range");
    }

    public bool AsBoolean() => Element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(Path, $"should be true or false but is {Describe(Element)}"),
    };

    /// <summary>An ISO 8601 date-time string (offset assumed UTC when absent).</summary>
    public DateTimeOffset AsDateTimeOffset() =>
        Element.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(Element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw Error(Path, $"should be an ISO 8601 date-time but is {Describe(Element)}");

    /// <summary>Milliseconds since the Unix epoch (Trendyol's dates).</summary>
    public DateTimeOffset AsUnixMilliseconds() => DateTimeOffset.FromUnixTimeMilliseconds(AsInt64());

    public ConnectorException Error(string path, string problem) =>
        new(_platform,
            $"{_platform}{(OrderId is null ? "" : $" order {OrderId}")}: field '{(path.Length == 0 ? "(root)" : path)}' {problem}.",
            isTransient: false,
            orderId: OrderId,
            field: path);

    private string Join(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    // Values are described by kind only: a field's content may be personal data (names, addresses).
    private static string Describe(JsonElement element) => Describe(element.ValueKind);
}

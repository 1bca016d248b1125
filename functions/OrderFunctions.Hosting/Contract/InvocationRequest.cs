using System.Text.Json;

namespace OrderFunctions.Hosting.Contract;

/// <summary>
/// The body the Functions host POSTs to <c>/{FunctionName}</c> (its <c>HttpScriptInvocationContext</c>):
/// <c>{"Data":{binding name: value}, "Metadata":{trigger binding data}}</c>. Every top-level value is already decoded
/// once more where the host double-encoded it (<see cref="HostValue.Decode"/>), so <c>"1"</c> reads as the number 1
/// and <c>"\"text\""</c> as the string <c>text</c>. Keys are matched case-insensitively; unknown keys are kept but
/// nobody has to read them.
/// </summary>
public sealed class InvocationRequest
{
    private InvocationRequest(IReadOnlyDictionary<string, JsonElement> data, IReadOnlyDictionary<string, JsonElement> metadata)
    {
        Data = data;
        Metadata = metadata;
    }

    public IReadOnlyDictionary<string, JsonElement> Data { get; }

    public IReadOnlyDictionary<string, JsonElement> Metadata { get; }

    /// <summary>Reads and decodes a request body. Throws <see cref="InvocationRequestException"/> when it is not JSON,
    /// has no <c>Data</c> object, or <c>Metadata</c> is not an object.</summary>
    public static async Task<InvocationRequest> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
            return FromRoot(document.RootElement);
        }
        catch (JsonException e)
        {
            throw NotJson(e);
        }
    }

    /// <inheritdoc cref="ReadAsync"/>
    public static InvocationRequest Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return FromRoot(document.RootElement);
        }
        catch (JsonException e)
        {
            throw NotJson(e);
        }
    }

    /// <summary>The <c>Data</c> value of binding <paramref name="bindingName"/>; throws when it is missing or null.</summary>
    public JsonElement RequireData(string bindingName) =>
        Data.TryGetValue(bindingName, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new InvocationRequestException($"Data.{bindingName} is missing or null.");

    /// <summary>The <c>Metadata</c> value <paramref name="key"/>, or null when it is missing or null.</summary>
    public JsonElement? FindMetadata(string key) =>
        Metadata.TryGetValue(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>The <c>Metadata</c> value <paramref name="key"/>; throws when it is missing or null.</summary>
    public JsonElement RequireMetadata(string key) =>
        FindMetadata(key) ?? throw new InvocationRequestException($"Metadata.{key} is missing or null.");

    private static InvocationRequest FromRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvocationRequestException(
                $"The invocation request must be a JSON object with Data and Metadata, but is {HostValue.Describe(root.ValueKind)}.");
        }

        var data = HostValue.Property(root, "Data");
        if (HostValue.IsAbsent(data))
        {
            throw new InvocationRequestException("The invocation request has no Data object.");
        }

        var metadata = HostValue.Property(root, "Metadata");
        return new InvocationRequest(
            DecodeObject(data!.Value, "Data"),
            HostValue.IsAbsent(metadata) ? Empty : DecodeObject(metadata!.Value, "Metadata"));
    }

    private static Dictionary<string, JsonElement> DecodeObject(JsonElement obj, string path)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw HostValue.WrongType(path, "an object", obj);
        }

        var decoded = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in obj.EnumerateObject())
        {
            decoded[property.Name] = HostValue.Decode(property.Value);
        }

        return decoded;
    }

    private static readonly Dictionary<string, JsonElement> Empty = new(StringComparer.OrdinalIgnoreCase);

    private static InvocationRequestException NotJson(JsonException e) =>
        new($"The invocation request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).", e);
}

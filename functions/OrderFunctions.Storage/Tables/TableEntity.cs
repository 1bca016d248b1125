using Azure;

namespace OrderFunctions.Storage.Tables;

/// <summary>
/// A dynamic table entity: <see cref="PartitionKey"/>, <see cref="RowKey"/>, <see cref="ETag"/>, <see cref="Timestamp"/>
/// plus properties of the EDM types the service stores (string, bool, int, long, double, DateTimeOffset, Guid, byte[]).
/// Values read back keep their EDM type (Int64, DateTime, Guid and Binary carry <c>@odata.type</c> on the wire).
/// </summary>
public sealed class TableEntity : Dictionary<string, object?>
{
    public TableEntity()
        : base(StringComparer.Ordinal)
    {
    }

    public TableEntity(string partitionKey, string rowKey)
        : this()
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    /// <summary>Set on entities read from or written to the service.</summary>
    public ETag ETag { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    public string? GetString(string key) => TryGetValue(key, out var v) ? v as string : null;

    public bool? GetBoolean(string key) => TryGetValue(key, out var v) && v is bool b ? b : null;

    public int? GetInt32(string key) => TryGetValue(key, out var v) ? v switch { int i => i, long l => checked((int)l), _ => null } : null;

    public long? GetInt64(string key) => TryGetValue(key, out var v) ? v switch { long l => l, int i => i, _ => null } : null;

    public double? GetDouble(string key) => TryGetValue(key, out var v) ? v switch { double d => d, int i => i, long l => l, _ => null } : null;

    public DateTimeOffset? GetDateTimeOffset(string key) => TryGetValue(key, out var v) ? v switch { DateTimeOffset d => d, DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)), _ => null } : null;

    public Guid? GetGuid(string key) => TryGetValue(key, out var v) && v is Guid g ? g : null;

    public byte[]? GetBinary(string key) => TryGetValue(key, out var v) ? v as byte[] : null;
}

using System.Text.Json;

namespace OrderFunctions.Hosting.Contract;

/// <summary><c>Metadata.RetryContext</c>, sent when a retry policy re-invokes a function. Tolerated rather than
/// required: a malformed one reads as absent instead of failing the invocation.</summary>
public sealed record InvocationRetryContext(int RetryCount, int MaxRetryCount)
{
    public const string MetadataKey = "RetryContext";

    internal static InvocationRetryContext? From(InvocationRequest request)
    {
        if (request.FindMetadata(MetadataKey) is not { ValueKind: JsonValueKind.Object } retry)
        {
            return null;
        }

        try
        {
            return new InvocationRetryContext(
                ReadCount(retry, nameof(RetryCount)),
                ReadCount(retry, nameof(MaxRetryCount)));
        }
        catch (InvocationRequestException)
        {
            return null;
        }
    }

    private static int ReadCount(JsonElement retry, string name)
    {
        var path = $"Metadata.{MetadataKey}.{name}";
        var value = HostValue.Property(retry, name) ?? throw new InvocationRequestException($"{path} is missing.");
        var count = HostValue.ReadInt64(value, path);
        return count is >= int.MinValue and <= int.MaxValue
            ? (int)count
            : throw new InvocationRequestException($"{path} is out of range.");
    }
}

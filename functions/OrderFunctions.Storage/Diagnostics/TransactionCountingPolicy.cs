using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderFunctions.Storage.Diagnostics;

/// <summary>Per-retry policy: every attempt that reaches the wire is one billed transaction, counted under the kind
/// and the table or queue its request was tagged with (<see cref="OperationKind"/>).</summary>
internal sealed class TransactionCountingPolicy(StorageTransactionCounter counter) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Record(OperationKind.Of(message), OperationKind.ResourceOf(message));
}

/// <summary>Tags a request with its <see cref="StorageOperationKinds"/> value and the table or queue it addresses.
/// The resource is tagged, not read from the URI: a batch's table is named only in its body.</summary>
internal static class OperationKind
{
    private const string PropertyName = "OrderFunctions.Storage.OperationKind";
    private const string ResourcePropertyName = "OrderFunctions.Storage.Resource";

    public static void Tag(HttpMessage message, string kind, string? resource)
    {
        message.SetProperty(PropertyName, kind);
        if (resource is not null)
        {
            message.SetProperty(ResourcePropertyName, resource);
        }
    }

    public static string Of(HttpMessage message) =>
        message.TryGetProperty(PropertyName, out var kind) && kind is string text ? text : StorageOperationKinds.Other;

    public static string? ResourceOf(HttpMessage message) =>
        message.TryGetProperty(ResourcePropertyName, out var resource) ? resource as string : null;
}

using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderFunctions.Storage.Diagnostics;

/// <summary>Per-retry policy: every attempt that reaches the wire is one billed transaction, counted under the kind
/// its request was tagged with (<see cref="OperationKind"/>).</summary>
internal sealed class TransactionCountingPolicy(StorageTransactionCounter counter) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) => counter.Record(OperationKind.Of(message));
}

/// <summary>Tags a request with its <see cref="StorageOperationKinds"/> value.</summary>
internal static class OperationKind
{
    private const string PropertyName = "OrderFunctions.Storage.OperationKind";

    public static void Tag(HttpMessage message, string kind) => message.SetProperty(PropertyName, kind);

    public static string Of(HttpMessage message) =>
        message.TryGetProperty(PropertyName, out var kind) && kind is string text ? text : StorageOperationKinds.Other;
}

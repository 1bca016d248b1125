using System.Text.Json;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Contract;

/// <summary>
/// A queue message, from <c>Data.msg</c> (the message text, already base64-decoded by the host according to
/// <c>messageEncoding</c>) and the trigger's <c>Metadata</c>.
/// </summary>
/// <param name="Message">The message text exactly as it was enqueued, whether the host double-encoded it
/// (<c>"\"{…}\""</c>, what the host code does) or sent it once (<c>"{…}"</c>, what the docs show).</param>
/// <param name="InsertionTime">This and the other dates are informational: null when absent or unreadable.</param>
/// <param name="DequeueCount">1 on the first delivery; the host moves the message to <c>&lt;queue&gt;-poison</c>
/// after <c>maxDequeueCount</c> failed attempts.</param>
public sealed record QueueInvocation(
    string FunctionName,
    string InvocationId,
    string Message,
    string MessageId,
    long DequeueCount,
    string? PopReceipt,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime,
    InvocationRetryContext? RetryContext)
{
    /// <summary>Trigger binding data keys of the Storage Queues extension.</summary>
    public static class MetadataKeys
    {
        public const string Id = "Id";
        public const string DequeueCount = "DequeueCount";
        public const string PopReceipt = "PopReceipt";
        public const string InsertionTime = "InsertionTime";
        public const string ExpirationTime = "ExpirationTime";
        public const string NextVisibleTime = "NextVisibleTime";
    }

    public static QueueInvocation FromRequest(InvocationRequest request, string functionName, string invocationId)
    {
        var message = request.RequireData(BindingNames.QueueMessage);
        return new QueueInvocation(
            functionName,
            invocationId,
            // A message that is itself JSON decodes to an object or a number: its original text is what was sent.
            message.ValueKind == JsonValueKind.String ? message.GetString()! : message.GetRawText(),
            HostValue.ReadText(request.RequireMetadata(MetadataKeys.Id), $"Metadata.{MetadataKeys.Id}"),
            HostValue.ReadInt64(request.RequireMetadata(MetadataKeys.DequeueCount), $"Metadata.{MetadataKeys.DequeueCount}"),
            ReadOptionalString(request, MetadataKeys.PopReceipt),
            HostValue.FindDate(request.FindMetadata(MetadataKeys.InsertionTime)),
            HostValue.FindDate(request.FindMetadata(MetadataKeys.ExpirationTime)),
            HostValue.FindDate(request.FindMetadata(MetadataKeys.NextVisibleTime)),
            InvocationRetryContext.From(request));
    }

    private static string? ReadOptionalString(InvocationRequest request, string key) =>
        request.FindMetadata(key) is { } value ? HostValue.ReadText(value, $"Metadata.{key}") : null;
}

using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.App.Notifications.Digests;

/// <summary>
/// Queue-triggered by <see cref="NewOrdersDigestOutbox.QueueName"/>: one message per integration window, due after the
/// window ended. Thin on purpose: parse, hand to <see cref="NewOrdersDigestSender"/>. Any failure (a malformed
/// message, the mail service down) throws, so the host retries the message and finally moves it to the poison queue;
/// orders never wait for it.
/// </summary>
internal sealed class SendNewOrdersDigestFunction(NewOrdersDigestSender sender) : IQueueFunction
{
    public const string Name = "SendNewOrdersDigest";

    public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return sender.HandleAsync(DigestFlushMessage.Parse(invocation.Message), cancellationToken);
    }
}

using OrderFunctions.App.Functions.Workflow;
using OrderFunctions.App.Notifications.Digests;
using OrderFunctions.Hosting.Contract;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Messaging;

namespace OrderFunctions.App.Notifications;

// The notification functions: each parses its trigger and calls one service. Any failure (a malformed message, the
// mail service down) throws, so the host retries the message and finally moves it to <queue>-poison; the workflow
// only queues notifications and never waits for them.

/// <summary>Queue <c>notifications</c> (the workflow's outbox): mail an order in error at once, or collect new orders
/// for their integration's digest.</summary>
internal sealed class SendNotificationFunction(NotificationDispatcher dispatcher) : IQueueFunction
{
    public const string Name = "SendNotification";

    public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return dispatcher.HandleAsync(WorkflowJson.ParseNotification(invocation.Message), cancellationToken);
    }
}

/// <summary>Queue <c>notification-digests</c>: one message per integration window, due after the window ended.</summary>
internal sealed class SendNewOrdersDigestFunction(NewOrdersDigestSender sender) : IQueueFunction
{
    public const string Name = "SendNewOrdersDigest";

    public Task RunAsync(QueueInvocation invocation, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return sender.HandleAsync(DigestFlushMessage.Parse(invocation.Message), invocation.MessageId, cancellationToken);
    }
}

internal static class NotificationFunctions
{
    /// <summary>Adds the notification functions; both queues live on the host's storage account, like the workflow's.</summary>
    public static FunctionCatalog AddNotificationFunctions(this FunctionCatalog catalog) => catalog
        .AddQueue<SendNotificationFunction>(SendNotificationFunction.Name, new QueueTrigger(WorkflowStorageNames.NotificationQueueName, WorkflowRegistration.StorageConnectionName))
        .AddQueue<SendNewOrdersDigestFunction>(SendNewOrdersDigestFunction.Name, new QueueTrigger(NewOrdersDigestOutbox.QueueName, WorkflowRegistration.StorageConnectionName));
}

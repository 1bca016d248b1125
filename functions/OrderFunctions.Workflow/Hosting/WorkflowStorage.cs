using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;

namespace OrderFunctions.Workflow.Hosting;

/// <summary>The workflow's tables and queues on one storage account, named by <see cref="WorkflowStorageNames"/>.</summary>
public sealed class WorkflowStorage
{
    public WorkflowStorage(TableServiceClient tables, QueueServiceClient queues, WorkflowStorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(queues);
        Names = names ?? throw new ArgumentNullException(nameof(names));
        Integrations = tables.GetTableClient(names.IntegrationsTable);
        Orders = tables.GetTableClient(names.OrdersTable);
        PollQueue = queues.GetQueueClient(names.PollQueue);
        StepQueue = queues.GetQueueClient(names.StepQueue);
        NotificationQueue = queues.GetQueueClient(names.NotificationQueue);
    }

    public WorkflowStorageNames Names { get; }

    public TableClient Integrations { get; }

    public TableClient Orders { get; }

    public QueueClient PollQueue { get; }

    public QueueClient StepQueue { get; }

    public QueueClient NotificationQueue { get; }

    /// <summary>Creates every table and queue that is missing (at start and in tests).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            Integrations.CreateIfNotExistsAsync(cancellationToken),
            Orders.CreateIfNotExistsAsync(cancellationToken),
            PollQueue.CreateIfNotExistsAsync(cancellationToken),
            StepQueue.CreateIfNotExistsAsync(cancellationToken),
            NotificationQueue.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);
    }
}

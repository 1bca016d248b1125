using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;

namespace OrderFunctions.Workflow.Hosting;

/// <summary>The workflow's tables and queues on one storage account, named by <see cref="WorkflowStorageNames"/>.</summary>
public sealed class WorkflowStorage
{
    private readonly Lock _gate = new();
    private Task? _creation;

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

    /// <summary>Waits until every table and queue exists, creating them once per process (a failed attempt is tried
    /// again by the next caller). The workflow's stores and queues call it before their first request, so nothing waits
    /// for storage at start (the Functions host wants the handler's <c>GET /</c> answered at once) and a function that
    /// runs before the background creation has finished waits for it instead of failing on a missing table.</summary>
    public Task WhenCreatedAsync(CancellationToken cancellationToken)
    {
        var creation = _creation;
        if (creation is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                // Not tied to one caller's token: a caller that gives up leaves the creation to the others.
                _creation = EnsureCreatedAsync(CancellationToken.None);
            }

            return _creation.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Creates every table and queue that is missing (tests; the app goes through <see cref="WhenCreatedAsync"/>).</summary>
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

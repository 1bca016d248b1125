using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Operations;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Polling;
using OrderFunctions.Workflow.Sweeping;

namespace OrderFunctions.Workflow.Hosting;

public static partial class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Everything of the order workflow: stores, executor, step handler, poller, scheduler, sweeper and the operator
    /// services, plus a start-up task that creates the workflow's tables and queues. The caller binds
    /// <see cref="WorkflowOptions"/> (section <c>Workflow</c>) and registers the storage clients
    /// (<see cref="TableServiceClient"/>, <see cref="QueueServiceClient"/>) and the connectors
    /// (<see cref="Ports.IConnectorFactory"/>, <see cref="Ports.ICarrierCodeResolver"/>).
    /// </summary>
    /// <param name="names">The tables and queues; the default names unless tests isolate themselves by a prefix (the
    /// app's function catalog listens on the default queue names).</param>
    public static IServiceCollection AddOrderWorkflow(this IServiceCollection services, WorkflowStorageNames? names = null)
    {
        services.AddOptions<WorkflowOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new WorkflowStorage(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<QueueServiceClient>(),
            names ?? new WorkflowStorageNames()));
        services.TryAddSingleton<IOrderStore, TableOrderStore>();
        services.TryAddSingleton<IWorkflowQueues, QueueWorkflowQueues>();
        services.TryAddSingleton<IntegrationStore>();
        services.TryAddSingleton<PollStateStore>();
        services.TryAddSingleton<OrderExecutor>();
        services.TryAddSingleton<StepHandler>();
        services.TryAddSingleton<IntegrationPoller>();
        services.TryAddSingleton<PollScheduler>();
        services.TryAddSingleton<OrderSweeper>();
        services.TryAddSingleton<OrderOperations>();
        services.TryAddSingleton<IntegrationOperations>();
        services.AddHostedService<WorkflowStorageInitializer>();
        return services;
    }

    /// <summary>Creates the workflow's tables and queues at start (idempotent). Storage that is not configured or not
    /// reachable is logged, not fatal: the app's other functions keep working, and the workflow's own fail with the
    /// storage error when they run.</summary>
    private sealed partial class WorkflowStorageInitializer(IServiceProvider services, ILogger<WorkflowStorageInitializer> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            try
            {
                await services.GetRequiredService<WorkflowStorage>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogStorageUnavailable(logger, e);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 3601, Level = LogLevel.Error, Message = "The workflow's tables and queues could not be created; its functions will fail until storage is reachable")]
        private static partial void LogStorageUnavailable(ILogger logger, Exception exception);
    }
}

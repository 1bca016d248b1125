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
    /// services, plus a background task that creates the workflow's tables and queues. The caller binds
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

    /// <summary>Creates the workflow's tables and queues in the background, retrying until storage answers: it never
    /// holds up the start (the handler must answer the host's <c>GET /</c> at once, even with storage unreachable), and
    /// the stores wait for the same creation (<see cref="WorkflowStorage.WhenCreatedAsync"/>) before their first request.</summary>
    private sealed partial class WorkflowStorageInitializer(IServiceProvider services, ILogger<WorkflowStorageInitializer> logger) : BackgroundService
    {
        private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            // Off the start path before the first storage call.
            await Task.Yield();
            WorkflowStorage storage;
            try
            {
                storage = services.GetRequiredService<WorkflowStorage>();
            }
            catch (InvalidOperationException e)
            {
                // Storage not configured: nothing to retry; the app's other functions keep working, the workflow's own
                // fail with this error when they run.
                LogStorageNotConfigured(logger, e);
                return;
            }

            for (var delay = TimeSpan.FromSeconds(1); ; delay = delay * 2 > MaxRetryDelay ? MaxRetryDelay : delay * 2)
            {
                try
                {
                    await storage.WhenCreatedAsync(stoppingToken).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogStorageUnavailable(logger, delay, e);
                }

                await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
            }
        }

        [LoggerMessage(EventId = 3601, Level = LogLevel.Error, Message = "The workflow's tables and queues could not be created; trying again in {Delay} (its functions wait for them)")]
        private static partial void LogStorageUnavailable(ILogger logger, TimeSpan delay, Exception exception);

        [LoggerMessage(EventId = 3602, Level = LogLevel.Error, Message = "The workflow's storage is not configured; its functions will fail until it is")]
        private static partial void LogStorageNotConfigured(ILogger logger, Exception exception);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Everything of the order workflow: options (section <c>Workflow</c>, validated at start), stores, executor, step
    /// handler, poller, scheduler, sweeper and the operator services, plus a start-up task that creates the workflow's
    /// tables and queues. The caller registers the storage clients (<see cref="TableServiceClient"/>,
    /// <see cref="QueueServiceClient"/>) and the connectors (<see cref="Ports.IConnectorFactory"/>,
    /// <see cref="Ports.ICarrierCodeResolver"/>).
    /// </summary>
    public static IServiceCollection AddOrderWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WorkflowOptions>()
            .Bind(configuration.GetSection(WorkflowOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new WorkflowStorage(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<QueueServiceClient>(),
            new WorkflowStorageNames(sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.NamePrefix)));
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

    /// <summary>Creates the workflow's tables and queues before the app serves anything (idempotent).</summary>
    private sealed class WorkflowStorageInitializer(WorkflowStorage storage) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

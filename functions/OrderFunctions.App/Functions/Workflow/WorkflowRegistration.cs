using Microsoft.Extensions.DependencyInjection.Extensions;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Functions.Workflow;

/// <summary>The workflow in the app: its functions in the catalog, its services in the container.</summary>
internal static class WorkflowRegistration
{
    /// <summary>The storage connection of the workflow's tables and queues: the host's own storage account, which its
    /// queue triggers also listen on.</summary>
    public const string StorageConnectionName = "AzureWebJobsStorage";

    /// <summary>App setting holding the fan-out timer's NCRONTAB schedule (every minute in Azure).</summary>
    public const string PollScheduleSetting = "WorkflowPollSchedule";

    /// <summary>App setting holding the sweeper's NCRONTAB schedule (every five minutes in Azure).</summary>
    public const string SweepScheduleSetting = "WorkflowSweepSchedule";

    /// <summary>Adds the workflow's functions. Neither timer uses the schedule monitor: a missed fan-out or sweep needs
    /// no catch-up (the next one covers it), and the monitor costs storage transactions.</summary>
    public static FunctionCatalog AddWorkflowFunctions(this FunctionCatalog catalog) => catalog
        .AddTimer<QueueIntegrationPollsFunction>("QueueIntegrationPolls", new TimerTrigger($"%{PollScheduleSetting}%", UseMonitor: false))
        .AddTimer<SweepOverdueOrdersFunction>("SweepOverdueOrders", new TimerTrigger($"%{SweepScheduleSetting}%", UseMonitor: false))
        .AddQueue<PollIntegrationFunction>("PollIntegration", new QueueTrigger(WorkflowStorageNames.PollQueueName, StorageConnectionName))
        .AddQueue<RunOrderStepFunction>("RunOrderStep", new QueueTrigger(WorkflowStorageNames.StepQueueName, StorageConnectionName));

    /// <summary>The workflow's services on the app's storage connection (resolved on first use, so an app without storage
    /// settings still starts and serves its other functions) with the connectors' carrier codes. The connector factory
    /// itself (<see cref="IConnectorFactory"/>) is registered with the connectors.</summary>
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration, StorageConnectionName));
        // One counter for every storage request of the process (GET /api/diagnostics/storage reads it; issue 7).
        services.TryAddSingleton<StorageTransactionCounter>();
        services.TryAddSingleton<TableServiceClient>(sp => sp.GetRequiredService<StorageConnection>().CreateTableServiceClient(CountedOptions(sp)));
        services.TryAddSingleton<QueueServiceClient>(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient(CountedOptions(sp)));
        services.TryAddSingleton<ICarrierCodeResolver, ConnectorCarrierCodes>();
        services.AddOrderWorkflow();
        return services;
    }

    private static StorageClientOptions CountedOptions(IServiceProvider services) =>
        new() { TransactionCounter = services.GetRequiredService<StorageTransactionCounter>() };
}

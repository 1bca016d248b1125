using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Ports;
using OrderFunctions.Workflow.Tests.Harness;
using Xunit.Abstractions;

namespace OrderFunctions.Workflow.Tests.Hosting;

/// <summary>The workflow's tables and queues are created off the start path: the handler answers the Functions host's
/// <c>GET /</c> at once even when storage is slow or unreachable, and whatever runs first waits for the creation.</summary>
public sealed class WorkflowStorageCreationTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    /// <summary>Only a guard against a start that hangs; the start itself does not wait for storage at all.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheWorkflowStartsWithoutWaitingForStorageThatDoesNotAnswer()
    {
        using var silentStorage = new SilentStorage();
        var connection = StorageConnection.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteInstance.AccountName};AccountKey={AzuriteInstance.AccountKey};" +
            $"TableEndpoint={silentStorage.Endpoint};QueueEndpoint={silentStorage.Endpoint};");
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new TestOutputLoggerProvider(output)));
        services.AddSingleton(connection.CreateTableServiceClient());
        services.AddSingleton(connection.CreateQueueServiceClient());
        var connectors = new FakeConnectors();
        services.AddSingleton<IConnectorFactory>(connectors);
        services.AddSingleton<ICarrierCodeResolver>(connectors);
        services.AddOrderWorkflow();
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();

        // What the host does before Kestrel listens: start every hosted service, one after the other.
        var start = Task.Run(async () =>
        {
            foreach (var service in hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }
        });
        await start.WaitAsync(HangGuard);
        await silentStorage.FirstConnection.WaitAsync(HangGuard);

        Assert.True(start.IsCompletedSuccessfully);
        Assert.NotEmpty(hosted);
        foreach (var service in hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AStoreUsedBeforeTheTablesAndQueuesExistWaitsForTheirCreation()
    {
        var storage = new WorkflowStorage(azurite.Connection.CreateTableServiceClient(), azurite.Connection.CreateQueueServiceClient(), new WorkflowStorageNames("c" + Guid.NewGuid().ToString("N")[..12]));
        var integrations = new IntegrationStore(storage, TimeProvider.System, Options.Create(new WorkflowOptions()));
        var queues = new QueueWorkflowQueues(storage);

        var created = await integrations.CreateAsync(Samples.Integration(), null, CancellationToken.None);
        await queues.SendPollAsync(new PollMessage { Integration = created.Integration.Id, Run = "t1" }, CancellationToken.None);

        Assert.NotNull(await integrations.GetAsync(created.Integration.Id, CancellationToken.None));
        Assert.Single(await storage.PollQueue.PeekMessagesAsync(32));
    }
}

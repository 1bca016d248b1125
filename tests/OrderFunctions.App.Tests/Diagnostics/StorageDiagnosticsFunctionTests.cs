using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Startup;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Workflow.Hosting;

namespace OrderFunctions.App.Tests.Diagnostics;

/// <summary>The app as <c>handler standalone</c> wires it (one counter shared by the workflow's clients and the runtime's
/// queue polling) on an Azurite of its own, so that nothing else polls its queues; timers never fire.</summary>
public sealed class StandaloneDiagnosticsFixture : IAsyncLifetime
{
    public const string FunctionKey = "diagnostics-tests-function-key";
    public const string MasterKey = "diagnostics-tests-master-key";

    private AzuriteInstance? _azurite;
    private WebApplication? _app;
    private StandaloneRuntime? _runtime;

    public HttpClient Client { get; } = new();

    public StorageTransactionCounter Counter => _app!.Services.GetRequiredService<StorageTransactionCounter>();

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(new AzuriteOptions());
        const string never = "0 0 0 1 1 *";
        _app = HandlerApp.Build(new HandlerAppSettings
        {
            Port = 0,
            Mode = HandlerMode.Standalone,
            Overrides = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["HeartbeatSchedule"] = never,
                ["WorkflowPollSchedule"] = never,
                ["WorkflowSweepSchedule"] = never,
                ["Standalone:FunctionKey"] = FunctionKey,
                ["Standalone:MasterKey"] = MasterKey,
            },
        });
        await HandlerApp.StartAsync(_app, CancellationToken.None);
        _runtime = await StandaloneRuntime.StartAsync(
            new StandaloneRuntimeOptions
            {
                HostJsonPath = RepositoryRoot.File("host.json"),
                Functions = AppFunctions.Create().Definitions,
                HandlerUri = HandlerApp.ListeningUri(_app),
                Configuration = _app.Configuration,
                HttpPort = 0,
                FunctionKey = FunctionKey,
                MasterKey = MasterKey,
                ScheduleMonitorConnection = null,
                DrainTimeout = TimeSpan.FromSeconds(5),
                TransactionCounter = Counter,
            },
            _app.Services.GetRequiredService<ILoggerFactory>(),
            CancellationToken.None);
        Client.BaseAddress = _runtime.HttpBaseUri;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _runtime!.StopAsync(CancellationToken.None);
        await _runtime.DisposeAsync();
        await _app!.StopAsync();
        await _app.DisposeAsync();
        await _azurite!.DisposeAsync();
    }
}

public sealed class StorageDiagnosticsFunctionTests(StandaloneDiagnosticsFixture fixture) : IClassFixture<StandaloneDiagnosticsFixture>
{
    private const string Route = "/api/diagnostics/storage";

    [Theory]
    [InlineData(null)]
    [InlineData(StandaloneDiagnosticsFixture.FunctionKey)]
    [InlineData("not-a-key-of-this-app")]
    public async Task WithoutTheMasterKeyTheFiguresAreRefused(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheReportCountsTheWorkflowsStorageAndTheQueuePollingByKind()
    {
        var report = await ReadAsync();

        // The workflow created its tables and queues at start; the runtime has been polling the queues since.
        Assert.True(Count(report, StorageOperationKinds.TableCreate) >= 2, "table.create");
        Assert.True(Count(report, StorageOperationKinds.QueueCreate) >= 3, "queue.create");
        Assert.True(Count(report, StorageOperationKinds.QueueGet) >= 1, "queue.get");
        var byKind = report.GetProperty("byKind").EnumerateObject().Sum(kind => kind.Value.GetInt64());
        Assert.Equal(byKind, report.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task TheReportSplitsTheKindsByTableAndQueue()
    {
        fixture.Counter.Record(StorageOperationKinds.TableBatch, WorkflowStorageNames.OrdersTableName);
        var report = await ReadAsync();

        var byResource = report.GetProperty("byResource");
        // The runtime polls each of the workflow's queues under its own name; the workflow created its tables.
        Assert.True(Entry(byResource, "queue.get " + WorkflowStorageNames.StepQueueName) >= 1, "queue.get workflow-steps");
        Assert.True(Entry(byResource, "queue.get " + WorkflowStorageNames.PollQueueName) >= 1, "queue.get workflow-polls");
        Assert.True(Entry(byResource, "table.create " + WorkflowStorageNames.OrdersTableName) >= 1, "table.create Orders");
        Assert.True(Entry(byResource, "table.batch " + WorkflowStorageNames.OrdersTableName) >= 1, "table.batch Orders");
        // Every resource count belongs to its kind: per kind, the resources never add up to more than the kind.
        var byKind = report.GetProperty("byKind");
        foreach (var kind in byResource.EnumerateObject().GroupBy(entry => entry.Name[..entry.Name.IndexOf(' ', StringComparison.Ordinal)]))
        {
            Assert.True(kind.Sum(entry => entry.Value.GetInt64()) <= Entry(byKind, kind.Key), kind.Key);
        }
    }

    [Fact]
    public async Task TheCountsAreThoseOfTheRunningProcessAndGrowAsItWorks()
    {
        var before = await ReadAsync();
        fixture.Counter.Record(StorageOperationKinds.TableGet);
        fixture.Counter.Record(StorageOperationKinds.TableGet);

        var after = await ReadAsync();

        Assert.True(Count(after, StorageOperationKinds.TableGet) >= Count(before, StorageOperationKinds.TableGet) + 2);
        Assert.True(after.GetProperty("total").GetInt64() >= before.GetProperty("total").GetInt64() + 2);
    }

    [Fact]
    public async Task TheReportCarriesTheProcessMemoryFigures()
    {
        var process = (await ReadAsync()).GetProperty("process");

        Assert.True(process.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(process.GetProperty("peakWorkingSetBytes").GetInt64() >= process.GetProperty("workingSetBytes").GetInt64());
        Assert.Equal(Environment.ProcessorCount, process.GetProperty("processorCount").GetInt32());
    }

    private static long Count(JsonElement report, string kind) => Entry(report.GetProperty("byKind"), kind);

    private static long Entry(JsonElement counts, string key) => counts.TryGetProperty(key, out var count) ? count.GetInt64() : 0;

    private async Task<JsonElement> ReadAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Route);
        request.Headers.Add("x-functions-key", StandaloneDiagnosticsFixture.MasterKey);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

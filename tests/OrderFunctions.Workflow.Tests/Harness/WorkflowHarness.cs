using Xunit.Abstractions;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.Storage.Connection;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Testing;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Operations;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Orders.Execution;
using OrderFunctions.Workflow.Orders.Storage;
using OrderFunctions.Workflow.Polling;
using OrderFunctions.Workflow.Ports;
using OrderFunctions.Workflow.Sweeping;

namespace OrderFunctions.Workflow.Tests.Harness;

/// <summary>How the pump hands a message to the workflow.</summary>
public enum Delivery
{
    /// <summary>Once, to one node.</summary>
    Once,

    /// <summary>Twice in a row to the same node (at-least-once delivery's duplicate).</summary>
    Twice,

    /// <summary>To every node at the same time (two runtimes racing on one message).</summary>
    EveryNodeAtOnce,
}

/// <summary>
/// The workflow on the shared Azurite under a unique name prefix, with in-memory platforms, driven like the runtime
/// drives it: polls and steps are received from their queues and handed to the poller and the step handler; a failed
/// invocation leaves its message to come back (sooner than in production), and the last attempt's failure sends it to
/// the poison queue. Each <see cref="Node"/> is an independent set of services (its own executor and caches), as two
/// app instances would be.
/// </summary>
internal sealed class WorkflowHarness
{
    public const string IntegrationId = "ty-woo";

    private static readonly TimeSpan RedeliveryDelay = TimeSpan.FromMilliseconds(300);
    private readonly List<Node> _nodes = [];
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;
    private int _runs;

    private WorkflowHarness(WorkflowStorage storage, FakeConnectors connectors, StorageTransactionCounter transactions)
    {
        Storage = storage;
        Connectors = connectors;
        Transactions = transactions;
    }

    public WorkflowStorage Storage { get; }

    public FakeConnectors Connectors { get; }

    public FaultInjector Faults => Connectors.Faults;

    public StorageTransactionCounter Transactions { get; }

    public IReadOnlyList<Node> Nodes => _nodes;

    public Node First => _nodes[0];

    public Delivery Delivery { get; set; } = Delivery.Once;

    public FakeMarketplace Marketplace => Connectors.Marketplace(IntegrationId);

    public FakeShop Shop => Connectors.Shop(IntegrationId);

    public int PoisonedMessages { get; private set; }

    /// <param name="wrapShop">Puts a decorator around each integration's fake shop (a platform quirk the fake lacks).</param>
    public static async Task<WorkflowHarness> StartAsync(AzuriteFixture azurite, ITestOutputHelper? output = null, int nodes = 1, Dictionary<string, string?>? settings = null, Func<FakeShop, IShop>? wrapShop = null)
    {
        var transactions = new StorageTransactionCounter();
        var clientOptions = new StorageClientOptions { TransactionCounter = transactions };
        var tables = azurite.Connection.CreateTableServiceClient(clientOptions);
        var queues = azurite.Connection.CreateQueueServiceClient(clientOptions);
        var prefix = "w" + Guid.NewGuid().ToString("N")[..12];
        var values = new Dictionary<string, string?>
        {
            ["Workflow:LeaseDuration"] = "00:00:02",
            ["Workflow:SweepGrace"] = "00:00:01",
            ["Workflow:ShipmentProgressInterval"] = "00:00:01",
            ["Workflow:RetryDelay"] = "00:00:00.200",
            ["Workflow:MaxDequeueCount"] = "4",
        };
        foreach (var (name, value) in settings ?? [])
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var connectors = new FakeConnectors();
        var storage = new WorkflowStorage(tables, queues, new WorkflowStorageNames(prefix));
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var harness = new WorkflowHarness(storage, connectors, transactions);
        for (var i = 0; i < nodes; i++)
        {
            harness._nodes.Add(new Node(tables, queues, configuration, storage.Names, connectors, wrapShop is null ? connectors : new WrappedShopConnectors(connectors, wrapShop), output));
        }

        transactions.Reset();
        return harness;
    }

    public OrderKey Key(string marketplaceOrderId) => OrderKey.Create(IntegrationId, marketplaceOrderId);

    public Task<IntegrationRecord> AddIntegrationAsync(IntegrationSettings? settings = null, StatusMap? map = null) =>
        First.Integrations.CreateAsync(Samples.Integration(IntegrationId, (settings ?? new IntegrationSettings()) with { PollInterval = TimeSpan.FromSeconds(1) }), map, CancellationToken.None);

    public async Task<OrderState?> OrderAsync(string marketplaceOrderId) =>
        (await First.Store.GetAsync(Key(marketplaceOrderId), CancellationToken.None))?.State;

    public Task<IReadOnlyList<OrderHistoryEntry>> HistoryAsync(string marketplaceOrderId) =>
        First.Store.GetHistoryAsync(Key(marketplaceOrderId), CancellationToken.None);

    /// <summary>Queues a poll of the integration, as the scheduler would.</summary>
    public Task QueuePollAsync() =>
        First.Queues.SendPollAsync(new PollMessage { Integration = IntegrationId, Run = "t" + Interlocked.Increment(ref _runs).ToString(CultureInfo.InvariantCulture) }, CancellationToken.None);

    /// <summary>Queues a poll and runs everything until <paramref name="done"/> holds (and, with <paramref name="drain"/>,
    /// the queues are empty).</summary>
    public async Task PollUntilAsync(Func<Task<bool>> done, TimeSpan? timeout = null, bool sweep = true, bool drain = true)
    {
        await QueuePollAsync();
        await RunUntilAsync(done, timeout, sweep, drain);
    }

    /// <summary>Pumps the poll and step queues (and sweeps now and then, as the sweeper timer would) until
    /// <paramref name="done"/> holds — with both queues empty when <paramref name="drain"/> (so no late message can still
    /// change anything); fails after <paramref name="timeout"/>.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, TimeSpan? timeout = null, bool sweep = true, bool drain = true)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var handled = await PumpAsync(Storage.PollQueue) + await PumpAsync(Storage.StepQueue);
            if (handled == 0)
            {
                if (await done() && (!drain || (await IsEmptyAsync(Storage.PollQueue) && await IsEmptyAsync(Storage.StepQueue))))
                {
                    return;
                }

                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new TimeoutException("The workflow did not reach the expected state in time.");
                }

                if (sweep && DateTimeOffset.UtcNow - _lastSweep > TimeSpan.FromSeconds(1))
                {
                    _lastSweep = DateTimeOffset.UtcNow;
                    await First.Sweeper.SweepAsync(CancellationToken.None);
                }

                await Task.Delay(50);
            }
        }
    }

    /// <summary>Handles visible poll and step messages until none are left — only what a runtime does (receive, handle,
    /// delete), so storage transactions counted around it are the workflow's own.</summary>
    public async Task PumpVisibleAsync()
    {
        while (await PumpAsync(Storage.PollQueue) + await PumpAsync(Storage.StepQueue) > 0)
        {
        }
    }

    /// <summary>Every message on the notifications queue (read without removing them).</summary>
    public async Task<IReadOnlyList<NotificationMessage>> NotificationsAsync()
    {
        var peeked = await Storage.NotificationQueue.PeekMessagesAsync(32);
        return [.. peeked.Select(m => WorkflowJson.ParseNotification(m.Body))];
    }

    private static async Task<bool> IsEmptyAsync(QueueClient queue) => await queue.GetApproximateMessageCountAsync() == 0;

    private async Task<int> PumpAsync(QueueClient queue)
    {
        var messages = await queue.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30));
        foreach (var message in messages)
        {
            try
            {
                await DeliverAsync(queue, message);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            catch (Exception) when (message.DequeueCount < MaxDequeueCount)
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, RedeliveryDelay);
            }
            catch (Exception)
            {
                PoisonedMessages++;
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return messages.Count;
    }

    private int MaxDequeueCount => First.Options.MaxDequeueCount;

    private async Task DeliverAsync(QueueClient queue, QueueMessage message)
    {
        var poll = queue == Storage.PollQueue;
        switch (Delivery)
        {
            case Delivery.Twice:
                await First.HandleAsync(poll, message);
                await First.HandleAsync(poll, message with { DequeueCount = message.DequeueCount + 1 });
                break;
            case Delivery.EveryNodeAtOnce:
                await Task.WhenAll(_nodes.Select(n => Task.Run(() => n.HandleAsync(poll, message))));
                break;
            default:
                await First.HandleAsync(poll, message);
                break;
        }
    }

    /// <summary>One app instance: its own service container over the shared storage and platforms.</summary>
    internal sealed class Node
    {
        private readonly ServiceProvider _services;

        public Node(TableServiceClient tables, QueueServiceClient queues, IConfiguration configuration, WorkflowStorageNames names, FakeConnectors connectors, IConnectorFactory connectorFactory, ITestOutputHelper? output)
        {
            var services = new ServiceCollection();
            services.AddLogging(b => b.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
            services.AddSingleton(tables);
            services.AddSingleton(queues);
            services.AddSingleton(connectorFactory);
            services.AddSingleton<ICarrierCodeResolver>(connectors);
            services.AddSingleton<IOrderStore>(sp => new FaultyOrderStore(new TableOrderStore(sp.GetRequiredService<WorkflowStorage>()), connectors.Faults));
            services.AddSingleton<IWorkflowQueues>(sp => new FaultyQueues(new QueueWorkflowQueues(sp.GetRequiredService<WorkflowStorage>()), connectors.Faults));
            services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection(WorkflowOptions.SectionName)).ValidateDataAnnotations();
            services.AddOrderWorkflow(names);
            _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        }

        public WorkflowOptions Options => _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WorkflowOptions>>().Value;

        public IOrderStore Store => _services.GetRequiredService<IOrderStore>();

        public IWorkflowQueues Queues => _services.GetRequiredService<IWorkflowQueues>();

        public IntegrationStore Integrations => _services.GetRequiredService<IntegrationStore>();

        public OrderOperations Operations => _services.GetRequiredService<OrderOperations>();

        public IntegrationOperations IntegrationOperations => _services.GetRequiredService<IntegrationOperations>();

        public PollScheduler Scheduler => _services.GetRequiredService<PollScheduler>();

        public IntegrationPoller Poller => _services.GetRequiredService<IntegrationPoller>();

        public OrderSweeper Sweeper => _services.GetRequiredService<OrderSweeper>();

        public OrderExecutor Executor => _services.GetRequiredService<OrderExecutor>();

        public async Task HandleAsync(bool poll, QueueMessage message)
        {
            if (poll)
            {
                await _services.GetRequiredService<IntegrationPoller>().PollAsync(WorkflowJson.ParsePoll(message.Body), CancellationToken.None);
            }
            else
            {
                await _services.GetRequiredService<StepHandler>().HandleAsync(message.Body, message.MessageId, message.DequeueCount, CancellationToken.None);
            }
        }
    }

    /// <summary>The fake connectors with each integration's shop behind one decorator (kept, so a stateful one keeps its state).</summary>
    private sealed class WrappedShopConnectors(FakeConnectors inner, Func<FakeShop, IShop> wrap) : IConnectorFactory
    {
        private readonly Dictionary<string, IShop> _shops = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public Task<IMarketplace> GetMarketplaceAsync(Integration integration, CancellationToken cancellationToken) =>
            inner.GetMarketplaceAsync(integration, cancellationToken);

        public Task<IShop> GetShopAsync(Integration integration, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (!_shops.TryGetValue(integration.Id, out var shop))
                {
                    _shops[integration.Id] = shop = wrap(inner.Shop(integration.Id));
                }

                return Task.FromResult(shop);
            }
        }
    }
}

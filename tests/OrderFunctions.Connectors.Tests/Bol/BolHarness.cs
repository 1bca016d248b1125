using System.Globalization;
using OrderFunctions.Connectors.Bol;
using OrderFunctions.Connectors.Tests.Http;
using OrderFunctions.Sandbox.Bol;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Bol;

/// <summary>A bol.com simulator (API and login host) on a free port and a connector pointed at it, one pair per test.</summary>
internal sealed class BolHarness : IAsyncDisposable
{
    private int _orders;

    private BolHarness(BolSimulator simulator, TimeProvider time)
    {
        Simulator = simulator;
        Time = time;
    }

    public BolSimulator Simulator { get; }

    public BolSimulatorState State => Simulator.State;

    public TimeProvider Time { get; }

    public static async Task<BolHarness> StartAsync(BolSimulatorOptions? options = null)
    {
        options ??= new BolSimulatorOptions();
        return new BolHarness(await BolSimulator.StartAsync(options), options.TimeProvider);
    }

    public ConnectorAccount Account => new() { Kind = "bol", BaseUrl = Simulator.BaseUri, SecretName = "bol-test" };

    public string Credentials =>
        $$"""{"clientId":"{{Simulator.Options.ClientId}}","clientSecret":"{{Simulator.Options.ClientSecret}}","tokenUrl":"{{Simulator.TokenUri}}"}""";

    /// <summary>Polls quickly so asynchronous processes are followed within milliseconds.</summary>
    public BolMarketplace Connector(string? credentials = null, int maxRetries = 3, BolSettings? settings = null) =>
        new(Account, credentials ?? Credentials, TestClientOptions.Fast(maxRetries), Time,
            settings ?? new BolSettings { ProcessPollAttempts = 5, ProcessPollDelay = TimeSpan.FromMilliseconds(5) });

    /// <summary>Adds an order with the given items, or two FBR items with offer references.</summary>
    public (string OrderId, IReadOnlyList<BolItemView> Items) AddOrder(params BolItemSeed[] items)
    {
        var n = Interlocked.Increment(ref _orders);
        var orderId = string.Create(CultureInfo.InvariantCulture, $"A2K8{n:D4}LP");
        var added = State.AddOrder(new BolOrderSeed
        {
            OrderId = orderId,
            Items = items.Length > 0
                ? items
                : [new BolItemSeed($"87000000{n:D5}", "Mug", 2, 12.99m) { OfferReference = $"SKU-{n}-A" }, new BolItemSeed($"87100000{n:D5}", "Plate", 1, 30m) { OfferReference = $"SKU-{n}-B" }],
        });
        return (orderId, added);
    }

    public async Task<MarketplaceOrder> ReadAsync(BolMarketplace connector, string orderId) =>
        await connector.GetOrderAsync(orderId, CancellationToken.None) ?? throw new InvalidOperationException("The order is gone.");

    /// <summary>Reads a pushed shipment's progress until bol decides (bounded).</summary>
    public static async Task<ShipmentPushResult> FollowAsync(BolMarketplace connector, ShipmentPushResult result)
    {
        for (var polls = 0; result.Progress == ShipmentProgress.Pending; polls++)
        {
            Assert.True(polls < 10, "The process never completes.");
            result = await connector.GetShipmentProgressAsync(result.ProcessId!, CancellationToken.None);
        }

        return result;
    }

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}

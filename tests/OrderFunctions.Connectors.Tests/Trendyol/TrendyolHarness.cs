using System.Globalization;
using OrderFunctions.Connectors.Tests.Http;
using OrderFunctions.Connectors.Trendyol;
using OrderFunctions.Sandbox.Trendyol;
using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.Connectors.Tests.Trendyol;

/// <summary>A Trendyol simulator on a free port and a connector pointed at it, one pair per test.</summary>
internal sealed class TrendyolHarness : IAsyncDisposable
{
    private int _orders;

    private TrendyolHarness(TrendyolSimulator simulator, TimeProvider time)
    {
        Simulator = simulator;
        Time = time;
    }

    public TrendyolSimulator Simulator { get; }

    public TrendyolSimulatorState State => Simulator.State;

    public TimeProvider Time { get; }

    public static async Task<TrendyolHarness> StartAsync(TrendyolSimulatorOptions? options = null)
    {
        options ??= new TrendyolSimulatorOptions();
        return new TrendyolHarness(await TrendyolSimulator.StartAsync(options), options.TimeProvider);
    }

    public ConnectorAccount Account => new()
    {
        Kind = "trendyol",
        BaseUrl = Simulator.BaseUri,
        AccountId = Simulator.Options.SellerId.ToString(CultureInfo.InvariantCulture),
        SecretName = "trendyol-test",
    };

    public string Credentials =>
        $$"""{"apiKey":"{{Simulator.Options.ApiKey}}","apiSecret":"{{Simulator.Options.ApiSecret}}","integratorName":"OrderFunctions"}""";

    public TrendyolMarketplace Connector(TrendyolSettings? settings = null, int maxRetries = 3, string? credentials = null) =>
        new(Account, credentials ?? Credentials, TestClientOptions.Fast(maxRetries), Time, settings);

    /// <summary>Adds an order (one package) with the given lines, or two default lines.</summary>
    public TrendyolPackageView AddOrder(string? status = null, params TrendyolLineSeed[] lines)
    {
        var n = Interlocked.Increment(ref _orders);
        return State.AddOrder(new TrendyolOrderSeed
        {
            OrderNumber = string.Create(CultureInfo.InvariantCulture, $"8086{n:D4}"),
            Status = status ?? TrendyolStatuses.Created,
            Lines = lines.Length > 0
                ? lines
                : [new TrendyolLineSeed($"BC-{n}-A", $"SKU-{n}-A", "Mug", 2, 12.99m), new TrendyolLineSeed($"BC-{n}-B", $"SKU-{n}-B", "Plate", 1, 30m)],
        });
    }

    public ValueTask DisposeAsync() => Simulator.DisposeAsync();
}

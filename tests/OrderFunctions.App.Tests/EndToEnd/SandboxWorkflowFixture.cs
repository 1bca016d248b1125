using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Demo;
using OrderFunctions.App.Tests.Demo;
using OrderFunctions.Connectors.Factory;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Tests.EndToEnd;

/// <summary>
/// One sandbox, Azurite and standalone app with the real connectors per test class (<see cref="DemoRun"/> without the
/// demo traffic), seeded with the two demo integrations, polled every second and waiting 3 s for a tracking code. The
/// tests of a class run one after another and each works on orders of its own, so they share the integrations.
/// </summary>
public sealed class SandboxWorkflowFixture : IAsyncLifetime
{
    /// <summary>Generous: two cores are shared with the rest of the build; nothing here is a timing assertion.</summary>
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);

    private static readonly DemoSeedOptions Seed = new() { PollInterval = TimeSpan.FromSeconds(1), TrackingWait = TimeSpan.FromSeconds(3) };

    private HttpClient _control = null!;

    internal DemoRun Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Run = await DemoRun.StartAsync(demo: null, Seed, UseFastConnectorRetries);
        // Trendyol packages under the seller's own carrier contract: without Trendyol's label (cargoTrackingNumber) the
        // hub waits for the merchant's code, as on bol. (With the label it ships at once; the demo test covers that.)
        Run.Sandbox.Trendyol.State.PackageMutator = package => package.Remove("cargoTrackingNumber");
        _control = new HttpClient { BaseAddress = Run.Sandbox.Manifest.Control };
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await Run.DisposeAsync();
    }

    internal DemoPair Pair(string name) => DemoPair.For(name, Run, _control);

    internal Task<OrderState> WaitForAsync(DemoPair pair, string orderId, Func<OrderState, bool> condition) =>
        Run.Workflow.WaitForAsync(pair.IntegrationId, orderId, condition, WaitTimeout);

    internal Task<OrderState> WaitForAsync(DemoPair pair, string orderId, OrderStatus status) =>
        WaitForAsync(pair, orderId, o => o.Status == status);

    /// <summary>Sets the pair's tracking wait until the returned scope ends (the tests of a class run one at a time).</summary>
    internal async Task<IAsyncDisposable> UseTrackingWaitAsync(DemoPair pair, TimeSpan wait)
    {
        var integrations = Run.Workflow.Integrations;
        var before = (await integrations.GetAsync(pair.IntegrationId, CancellationToken.None))!;
        var changed = before.Integration with { Settings = before.Integration.Settings with { TrackingWait = wait } };
        var after = await integrations.UpdateAsync(changed, before.ETag, CancellationToken.None);
        return new Restore(() => integrations.UpdateAsync(before.Integration, after.ETag, CancellationToken.None));
    }

    /// <summary>Waits (bounded) until the order's history has an entry of <paramref name="historyEvent"/>.</summary>
    internal async Task WaitForHistoryAsync(DemoPair pair, string orderId, string historyEvent)
    {
        var key = OrderKey.Create(pair.IntegrationId, orderId);
        await EventuallyAsync(
            async () => (await Run.Workflow.Orders.GetHistoryAsync(key, CancellationToken.None)).Any(h => h.Event == historyEvent),
            $"order {key} has no '{historyEvent}' in its history");
    }

    /// <summary>Workflow steps the runtime gave up on (<c>&lt;step queue&gt;-poison</c>). Polls are left out: a poll
    /// that fails on a failing platform is poisoned and simply replaced by the next fan-out.</summary>
    internal async Task<int> StepsPoisonedAsync()
    {
        try
        {
            return await Run.Azurite.Connection.CreateQueueServiceClient().GetQueueClient(Run.Workflow.Storage.StepQueue.Name + "-poison").GetApproximateMessageCountAsync();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0; // never created: nothing was poisoned
        }
    }

    /// <summary>Polls the simulators (bounded) until <paramref name="condition"/> holds, for effects the hub's state
    /// does not wait for; fails with <paramref name="what"/> otherwise.</summary>
    internal static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + WaitTimeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Never happened: {what}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The real connector factory with short transport retries: a workflow attempt against a failing platform
    /// then takes about a second instead of the production back-off's 7.5 s, so the queue's retries are what the
    /// failure tests exercise. Retry-After is still honoured.</summary>
    private static void UseFastConnectorRetries(IServiceCollection services) =>
        services.AddSingleton<IConnectorFactory>(provider => new ConnectorFactory(
            provider.GetRequiredService<ISecretStore>(),
            () =>
            {
                var options = new Connectors.Http.ConnectorClientOptions();
                options.Retry.MaxRetries = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(100);
                options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
                return options;
            },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }
}

using System.Collections.Concurrent;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Testing.Fakes;

/// <summary>When a planned fault strikes: before the remote effect (nothing happened) or after it (it happened, but
/// the caller never hears so — a lost reply or a crash right after the call).</summary>
public enum FaultTiming
{
    Before,
    After,
}

/// <summary>What a planned fault throws.</summary>
public enum FaultKind
{
    /// <summary>A transient <see cref="ConnectorException"/> (the step retries).</summary>
    Transient,

    /// <summary>A permanent <see cref="ConnectorException"/> (bad data: the order fails at once).</summary>
    Permanent,

    /// <summary>A throttled <see cref="ConnectorException"/> (429: the platform's rate window is full).</summary>
    Throttled,

    /// <summary>A <see cref="SimulatedCrashException"/>: nothing in the workflow handles it, as if the process died.</summary>
    Crash,
}

/// <summary>Stands for the process dying at that point: the workflow has no handler for it.</summary>
public sealed class SimulatedCrashException(string point) : Exception($"Simulated crash at {point}.");

/// <summary>
/// Faults planned per operation (e.g. <c>shop.create</c>, <c>store.commit</c>): fail the next N calls before or after
/// their effect, and add latency. Thread-safe; shared by the fakes and the fault-injecting decorators.
/// </summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<(string Operation, FaultTiming Timing), (int Skip, int Remaining, FaultKind Kind)> _faults = new();
    private readonly ConcurrentDictionary<string, TimeSpan> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _struck = new(StringComparer.Ordinal);

    /// <summary>Fails <paramref name="times"/> calls of <paramref name="operation"/> (int.MaxValue: every call), after
    /// letting the first <paramref name="skip"/> calls through.</summary>
    public FaultInjector Fail(string operation, int times = 1, FaultTiming timing = FaultTiming.Before, FaultKind kind = FaultKind.Transient, int skip = 0)
    {
        _faults[(operation, timing)] = (skip, times, kind);
        return this;
    }

    public FaultInjector Delay(string operation, TimeSpan latency)
    {
        _latency[operation] = latency;
        return this;
    }

    public void Clear()
    {
        _faults.Clear();
        _latency.Clear();
    }

    /// <summary>How many faults struck <paramref name="operation"/> so far.</summary>
    public int Struck(string operation) => _struck.GetValueOrDefault(operation);

    public async Task BeforeAsync(string operation, CancellationToken cancellationToken)
    {
        if (_latency.TryGetValue(operation, out var latency))
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        }

        Strike(operation, FaultTiming.Before);
    }

    public void After(string operation) => Strike(operation, FaultTiming.After);

    private void Strike(string operation, FaultTiming timing)
    {
        while (_faults.TryGetValue((operation, timing), out var fault) && fault.Remaining > 0)
        {
            if (fault.Skip > 0)
            {
                if (_faults.TryUpdate((operation, timing), fault with { Skip = fault.Skip - 1 }, fault))
                {
                    return;
                }

                continue;
            }

            var remaining = fault.Remaining == int.MaxValue ? int.MaxValue : fault.Remaining - 1;
            if (!_faults.TryUpdate((operation, timing), fault with { Remaining = remaining }, fault))
            {
                continue;
            }

            _struck.AddOrUpdate(operation, 1, (_, n) => n + 1);
            var point = $"{operation} ({timing.ToString().ToLowerInvariant()} its effect)";
            var platform = operation.Split('.')[0];
            throw fault.Kind switch
            {
                FaultKind.Crash => new SimulatedCrashException(point),
                // Storage fails the way the storage clients do, with the service's status.
                _ when platform is "store" or "queue" => new Azure.RequestFailedException(fault.Kind == FaultKind.Permanent ? 400 : 503, $"injected fault at {point}"),
                FaultKind.Permanent => new ConnectorException(platform, $"injected permanent fault at {point}", isTransient: false),
                FaultKind.Throttled => new ConnectorException(platform, $"injected throttling at {point}", isTransient: true, httpStatus: 429) { IsThrottled = true, RetryAfter = TimeSpan.FromMilliseconds(100) },
                _ => new ConnectorException(platform, $"injected transient fault at {point}", isTransient: true, httpStatus: 503),
            };
        }
    }
}

/// <summary>The operation names the fakes and decorators report to <see cref="FaultInjector"/>.</summary>
public static class FakeOperations
{
    public const string ShopCreate = "shop.create";
    public const string ShopFind = "shop.find";
    public const string ShopGet = "shop.get";
    public const string ShopList = "shop.list";
    public const string ShopUpdateStatus = "shop.update-status";
    public const string ShopCancel = "shop.cancel";
    public const string MarketplaceList = "marketplace.list";
    public const string MarketplaceGet = "marketplace.get";
    public const string MarketplaceAcknowledge = "marketplace.acknowledge";
    public const string MarketplacePushShipment = "marketplace.push-shipment";
    public const string MarketplaceShipmentProgress = "marketplace.shipment-progress";
    public const string MarketplaceCancelLines = "marketplace.cancel-lines";
    public const string StoreInsert = "store.insert";
    public const string StoreCommit = "store.commit";
    public const string QueueStep = "queue.step";
    public const string QueuePoll = "queue.poll";
    public const string QueueNotification = "queue.notification";

    /// <summary>Every remote call and write of a step that has an effect (reads are left out: failing a read before
    /// anything happened is the same as failing the step's start).</summary>
    public static IReadOnlyList<string> Effects { get; } =
    [
        ShopCreate, ShopUpdateStatus, ShopCancel, MarketplaceAcknowledge, MarketplacePushShipment, MarketplaceCancelLines,
        StoreInsert, StoreCommit, QueueStep, QueueNotification,
    ];
}

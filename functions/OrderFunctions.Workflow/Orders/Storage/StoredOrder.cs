using Azure;

namespace OrderFunctions.Workflow.Orders.Storage;

/// <summary>
/// An order as stored: its state plus what makes writes safe. <see cref="ETag"/> is checked by every write
/// (<c>If-Match</c>); <see cref="HistorySequence"/> numbers the history rows, and the next row's key doubles as a
/// second concurrency guard (two writers from the same version collide on inserting it). <see cref="Lease"/> says
/// which executor is performing remote effects for the order right now.
/// </summary>
public sealed record StoredOrder(OrderState State, ETag ETag, long HistorySequence, OrderLease? Lease, string? ReceivedInRun);

/// <summary>An executor's claim on an order while it calls marketplace and shop; expires so a crashed executor's
/// orders move on.</summary>
public sealed record OrderLease(string Owner, DateTimeOffset Until)
{
    public bool BlocksOthersThan(string owner, DateTimeOffset now) => Until > now && !string.Equals(Owner, owner, StringComparison.Ordinal);
}

/// <summary>One row of an order's history: which event, from which state to which, what was done and why.</summary>
public sealed record OrderHistoryEntry(
    DateTimeOffset At,
    string Event,
    string From,
    string To,
    string Note,
    string? Effect);

/// <summary>Another writer changed the order since it was read: read it again and decide again.</summary>
public sealed class OrderConcurrencyException : Exception
{
    public OrderConcurrencyException(OrderKey key, Exception? innerException = null)
        : base($"Order {key} was changed by another writer since it was read.", innerException)
    {
        Key = key;
    }

    public OrderKey Key { get; }
}

/// <summary>An executor could not keep the order's lease while a remote call ran, and cancelled the call so that it
/// never runs alongside another executor's: the attempt fails and its event is retried (the effect is idempotent).</summary>
public sealed class OrderLeaseLostException(OrderKey key, string effect, Exception innerException)
    : Exception($"Order {key}: the lease could not be renewed during {effect}; the call was cancelled.", innerException)
{
    public OrderKey Key { get; } = key;
}

using Azure;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Messaging;

namespace OrderFunctions.Workflow.Polling;

/// <summary>
/// Where the previous poll of an integration ended on each side, and which orders it already handled in the overlap
/// window (as <c>{id}@{ticks of their change}</c>), so a re-listed, unchanged order costs nothing.
/// <see cref="RecentRuns"/> are the last runs whose orders are accounted for (a re-delivered one is not run again, and
/// the orders of a run that died before it got here are adopted by the next). <see cref="PendingNotifications"/> is the
/// "new orders" outbox: written with the checkpoint, sent, then cleared — whatever a crash leaves in it, the next poll sends.
/// </summary>
public sealed record PollCheckpoint(
    DateTimeOffset? MarketplaceUntil,
    IReadOnlySet<string> MarketplaceSeen,
    DateTimeOffset? ShopUntil,
    IReadOnlySet<string> ShopSeen,
    IReadOnlyList<string> RecentRuns,
    IReadOnlyList<NotificationMessage> PendingNotifications,
    ETag ETag)
{
    /// <summary>How many runs <see cref="RecentRuns"/> remembers.</summary>
    public const int RecentRunCount = 10;

    public static PollCheckpoint None { get; } = new(null, new HashSet<string>(), null, new HashSet<string>(), [], [], default);

    public bool Exists => ETag != default;
}

/// <summary>What a poll did, for logs and for a back-fill's progress.</summary>
public sealed record PollCounts(
    int MarketplaceOrdersListed,
    int OrdersReceived,
    int ShopOrdersListed,
    int OrdersUpdated,
    int Unchanged,
    int HandedToQueue)
{
    public static PollCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);
}

public static class PollRunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
}

/// <summary>An operator's back-fill re-poll and how far it got (readable while it runs).</summary>
public sealed record PollRun(
    string IntegrationId,
    string RunId,
    DateTimeOffset Since,
    string Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? CompletedAt,
    PollCounts Counts);

/// <summary>Thread-safe tallies of one poll.</summary>
internal sealed class PollCounter
{
    private int _listed;
    private int _received;
    private int _shopListed;
    private int _updated;
    private int _unchanged;
    private int _handedToQueue;

    public void Listed(int count = 1) => Interlocked.Add(ref _listed, count);

    public void Received() => Interlocked.Increment(ref _received);

    public void ShopListed(int count = 1) => Interlocked.Add(ref _shopListed, count);

    public void Updated() => Interlocked.Increment(ref _updated);

    public void Unchanged(int count = 1) => Interlocked.Add(ref _unchanged, count);

    public void HandedToQueue() => Interlocked.Increment(ref _handedToQueue);

    public PollCounts Snapshot() => new(
        Volatile.Read(ref _listed),
        Volatile.Read(ref _received),
        Volatile.Read(ref _shopListed),
        Volatile.Read(ref _updated),
        Volatile.Read(ref _unchanged),
        Volatile.Read(ref _handedToQueue));
}

/// <summary>An integration's <c>schedule</c> row as the fan-out reads it.</summary>
internal sealed record PollSchedule(Integration Integration, DateTimeOffset? LastQueuedAt, DateTimeOffset? ClaimedUntil, ETag ETag);

/// <summary>
/// The right to poll one integration, held by one run until <see cref="ClaimedUntil"/> (columns of the <c>schedule</c>
/// row, written with If-Match). The scheduler takes it when it queues a poll and queues no other while it is in force;
/// the poll renews it while it works and releases it when it ends; a crashed poll's claim simply lapses. So two polls of
/// one integration never overlap and contend for the same orders (slow marketplaces can poll for minutes).
/// </summary>
internal sealed record PollClaim(string IntegrationId, string Run, DateTimeOffset ClaimedUntil, ETag ScheduleETag);

/// <summary>A poll that could not renew its claim before it lapsed and another run took it: it stops before its
/// checkpoint is written (the other run covers the window) and fails, so nothing of it is recorded twice.</summary>
public sealed class PollClaimLostException : Exception
{
    public PollClaimLostException()
    {
    }

    public PollClaimLostException(string message)
        : base(message)
    {
    }

    public PollClaimLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal PollClaimLostException(string integrationId, string run, Exception innerException)
        : base($"Poll {run} of integration {integrationId} lost its claim to another run.", innerException)
    {
    }
}

using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Standalone.HostJson;

/// <summary>The parts of host.json the standalone runtime obeys, with the Functions host's defaults filled in.</summary>
internal sealed record HostSettings(
    QueueSettings Queues,
    string RoutePrefix,
    TimeSpan? FunctionTimeout, // null: unbounded ("-1")
    bool EnableForwardingHttpRequest);

/// <summary><c>extensions.queues</c> (Storage Queues extension 5.x).</summary>
internal sealed record QueueSettings(
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int BatchSize,
    int NewBatchThreshold,
    int MaxDequeueCount,
    QueueMessageEncoding MessageEncoding)
{
    /// <summary>The host fetches a new batch once in-flight messages drop to the threshold, so at most this many run at once.</summary>
    public int MaxConcurrentMessages => BatchSize + NewBatchThreshold;
}

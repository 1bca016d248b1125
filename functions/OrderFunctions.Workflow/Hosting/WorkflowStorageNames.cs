namespace OrderFunctions.Workflow.Hosting;

/// <summary>
/// Every table and queue the workflow uses, in one place, with an optional prefix so several deployments or test
/// runs can share one storage account (tests isolate themselves on a shared Azurite this way). Table names are
/// letters and digits; queue names lower-case letters, digits and '-'; so the prefix is lower-case letters and digits.
/// </summary>
public sealed class WorkflowStorageNames
{
    /// <summary>Integrations, their status maps, poll checkpoints and schedules, back-fill runs.</summary>
    public const string IntegrationsTableName = "Integrations";

    /// <summary>One row per order (its state) plus its history rows, all in the order's partition.</summary>
    public const string OrdersTableName = "Orders";

    /// <summary>One message per due integration: poll the marketplace and the shop.</summary>
    public const string PollQueueName = "workflow-polls";

    /// <summary>Per-order steps: retries, timers, re-drives, operator actions.</summary>
    public const string StepQueueName = "workflow-steps";

    /// <summary>The notification outbox (<see cref="Messaging.NotificationMessage"/>), read by the mail sender.</summary>
    public const string NotificationQueueName = "notifications";

    public WorkflowStorageNames(string? prefix = null)
    {
        prefix ??= "";
        if (prefix.Length > 0 && (prefix.Length > 20 || !char.IsAsciiLetterLower(prefix[0]) || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))))
        {
            throw new ArgumentException($"The storage name prefix '{prefix}' must be 1-20 lower-case letters and digits, starting with a letter.", nameof(prefix));
        }

        Prefix = prefix;
    }

    public string Prefix { get; }

    public string IntegrationsTable => Prefix + IntegrationsTableName;

    public string OrdersTable => Prefix + OrdersTableName;

    public string PollQueue => QueueName(PollQueueName);

    public string StepQueue => QueueName(StepQueueName);

    public string NotificationQueue => QueueName(NotificationQueueName);

    public IReadOnlyList<string> Tables => [IntegrationsTable, OrdersTable];

    public IReadOnlyList<string> Queues => [PollQueue, StepQueue, NotificationQueue];

    private string QueueName(string name) => Prefix.Length == 0 ? name : $"{Prefix}-{name}";
}

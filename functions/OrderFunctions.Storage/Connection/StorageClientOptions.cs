using Azure.Core;
using OrderFunctions.Storage.Diagnostics;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Storage.Connection;

/// <summary>Options shared by the Table and Queue clients: Azure.Core retry/diagnostics/transport plus ours.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>Counts every request sent (retries included), by operation kind. Null: no counting.</summary>
    public StorageTransactionCounter? TransactionCounter { get; set; }

    /// <summary>Must match host.json <c>extensions.queues.messageEncoding</c>.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.Base64;

    /// <summary>The clock behind <c>x-ms-date</c> (signing tests pin it).</summary>
    internal TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

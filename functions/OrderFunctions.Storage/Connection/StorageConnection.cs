using Azure.Core;
using Microsoft.Extensions.Configuration;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Storage.Tables;

namespace OrderFunctions.Storage.Connection;

/// <summary>
/// Where an account is and how to authenticate, resolved the way the Functions host resolves a binding's
/// <c>connection</c>: either a connection string (Shared Key, including <c>UseDevelopmentStorage=true</c> and
/// explicit Azurite endpoints) or identity-based settings under a prefix
/// (<c>&lt;Prefix&gt;__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__serviceUri</c>, <c>__accountName</c>,
/// <c>__credential</c>, <c>__clientId</c>) authenticated with Microsoft Entra ID through Azure.Identity.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>Resolves <paramref name="connectionName"/> as the host does: <c>name</c>, then <c>AzureWebJobs{name}</c>
    /// as a connection string, then the identity-based <c>name__*</c> settings. Throws
    /// <see cref="InvalidOperationException"/> naming the missing keys when none is configured.</summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string connectionName) => throw new NotImplementedException();

    public static StorageConnection FromConnectionString(string connectionString) => throw new NotImplementedException();

    public static StorageConnection FromServiceUris(Uri? tableServiceUri, Uri? queueServiceUri, TokenCredential credential) => throw new NotImplementedException();

    /// <summary>"SharedKey" or "EntraId" — for diagnostics; never the key itself.</summary>
    public string AuthMode => throw new NotImplementedException();

    public Uri? TableServiceUri => throw new NotImplementedException();

    public Uri? QueueServiceUri => throw new NotImplementedException();

    public TableServiceClient CreateTableServiceClient(StorageClientOptions? options = null) => throw new NotImplementedException();

    public QueueServiceClient CreateQueueServiceClient(StorageClientOptions? options = null) => throw new NotImplementedException();

    /// <summary>Never prints the account key.</summary>
    public override string ToString() => throw new NotImplementedException();
}

using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Configuration;
using OrderFunctions.Storage.Pipeline;
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
    /// <summary>The token scope for Azure Storage data-plane access.</summary>
    internal const string StorageScope = "https://storage.azure.com/.default";

    private StorageConnection(Uri? tableServiceUri, Uri? queueServiceUri, StorageSharedKey? sharedKey, TokenCredential? credential)
    {
        TableServiceUri = tableServiceUri;
        QueueServiceUri = queueServiceUri;
        SharedKey = sharedKey;
        Credential = credential;
    }

    /// <summary>Resolves <paramref name="connectionName"/> as the host does: <c>name</c>, then <c>AzureWebJobs{name}</c>
    /// as a connection string, then the identity-based <c>name__*</c> (and <c>AzureWebJobs{name}__*</c>) settings.
    /// Throws <see cref="InvalidOperationException"/> naming the missing keys when none is configured.</summary>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string connectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        string[] prefixes = [connectionName, "AzureWebJobs" + connectionName];

        foreach (var key in prefixes)
        {
            var value = configuration[key];
            if (!string.IsNullOrWhiteSpace(value))
            {
                try
                {
                    return FromConnectionString(value);
                }
                catch (FormatException e)
                {
                    throw new InvalidOperationException($"Setting '{key}' is not a valid storage connection string: {e.Message}", e);
                }
            }
        }

        foreach (var prefix in prefixes)
        {
            if (IdentityConnectionSettings.TryRead(configuration, prefix, out var connection))
            {
                return connection!;
            }
        }

        var identityKeys = string.Join(", ", IdentityConnectionSettings.Keys.Select(k => $"'{connectionName}__{k}'"));
        throw new InvalidOperationException(
            $"Storage connection '{connectionName}' is not configured: set a connection string in '{connectionName}' or " +
            $"'AzureWebJobs{connectionName}', or identity-based settings {identityKeys}.");
    }

    /// <summary>A Shared Key connection. Throws <see cref="FormatException"/> naming the bad part (never its value).</summary>
    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var (table, queue, key) = StorageConnectionString.Parse(connectionString);
        return new StorageConnection(table, queue, key, credential: null);
    }

    /// <summary>A Microsoft Entra ID connection: bearer tokens from <paramref name="credential"/> for
    /// <c>https://storage.azure.com/.default</c>. At least one service URI is required.</summary>
    public static StorageConnection FromServiceUris(Uri? tableServiceUri, Uri? queueServiceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (tableServiceUri is null && queueServiceUri is null)
        {
            throw new ArgumentException("At least one of the table and queue service URIs is required.", nameof(tableServiceUri));
        }

        return new StorageConnection(TrimSlash(tableServiceUri), TrimSlash(queueServiceUri), sharedKey: null, credential);
    }

    /// <summary>"SharedKey" or "EntraId" — for diagnostics; never the key itself.</summary>
    public string AuthMode => SharedKey is not null ? "SharedKey" : "EntraId";

    public Uri? TableServiceUri { get; }

    public Uri? QueueServiceUri { get; }

    internal StorageSharedKey? SharedKey { get; }

    internal TokenCredential? Credential { get; }

    public TableServiceClient CreateTableServiceClient(StorageClientOptions? options = null)
    {
        var uri = TableServiceUri ?? throw new InvalidOperationException($"This storage connection has no table endpoint ({this}).");
        options ??= new StorageClientOptions();
        var authorization = SharedKey is not null ? new TableSharedKeyPolicy(SharedKey) : BearerPolicy();
        return new TableServiceClient(uri, StoragePipeline.Build(options, StorageService.Table, authorization));
    }

    public QueueServiceClient CreateQueueServiceClient(StorageClientOptions? options = null)
    {
        var uri = QueueServiceUri ?? throw new InvalidOperationException($"This storage connection has no queue endpoint ({this}).");
        options ??= new StorageClientOptions();
        var authorization = SharedKey is not null ? new QueueSharedKeyPolicy(SharedKey) : BearerPolicy();
        return new QueueServiceClient(uri, StoragePipeline.Build(options, StorageService.Queue, authorization), options.MessageEncoding);
    }

    /// <summary>Never prints the account key.</summary>
    public override string ToString()
    {
        var who = SharedKey is not null ? $"account {SharedKey.AccountName}" : Credential!.GetType().Name;
        return $"{AuthMode} ({who}); table: {TableServiceUri?.ToString() ?? "none"}; queue: {QueueServiceUri?.ToString() ?? "none"}";
    }

    private HttpPipelinePolicy BearerPolicy() => new BearerTokenAuthenticationPolicy(Credential!, StorageScope);

    private static Uri? TrimSlash(Uri? uri) => uri is null ? null : new Uri(uri.AbsoluteUri.TrimEnd('/'));
}

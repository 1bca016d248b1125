using Azure.Core;

namespace OrderFunctions.Connectors.Http;

/// <summary>
/// Retry and timeout settings of a connector's HTTP pipeline. Connectors use Azure.Core's pipeline, the same
/// retry mechanism as the storage clients: 408/429/5xx and network failures are retried with exponential back-off,
/// and a <c>Retry-After</c> header is honoured.
/// </summary>
public sealed class ConnectorClientOptions : ClientOptions
{
    public ConnectorClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingContentEnabled = false;
    }
}

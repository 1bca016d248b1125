using OrderFunctions.Connectors.Http;

namespace OrderFunctions.Connectors.Tests.Http;

/// <summary>Connector pipeline options for tests: the same retry behaviour as production with millisecond delays, so
/// faults are retried for real and the suite stays fast.</summary>
internal static class TestClientOptions
{
    public static ConnectorClientOptions Fast(int maxRetries = 3)
    {
        var options = new ConnectorClientOptions();
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
        return options;
    }
}

using Azure.Core;

namespace OrderFunctions.App.Notifications.Acs;

/// <summary>
/// Pipeline and polling settings of <see cref="AcsEmailClient"/>. Retries are Azure.Core's (the same mechanism as the
/// storage clients and connectors): 408, 429, 5xx and network failures, exponential back-off, <c>Retry-After</c> honoured.
/// </summary>
public sealed class AcsEmailClientOptions : ClientOptions
{
    /// <summary>The Email REST API versions this client speaks (both GA, same request and operation shapes).</summary>
    public enum ServiceVersion
    {
        V2023_03_31 = 1,
        V2025_09_01 = 2,
    }

    public AcsEmailClientOptions(ServiceVersion version = ServiceVersion.V2025_09_01)
    {
        Version = version;
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 4;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);

        // The request body is the mail itself (names, addresses, order data): never written to diagnostics.
        Diagnostics.IsLoggingContentEnabled = false;
    }

    public ServiceVersion Version { get; }

    /// <summary>Wait between status polls when the service sends no <c>retry-after</c>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound on one wait between polls, whatever <c>retry-after</c> says.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <see cref="AcsEmailClient.WaitForCompletionAsync"/> polls before giving up. Kept well inside the
    /// Functions invocation timeout, so a slow operation fails the queue message (and is retried) instead of the host
    /// killing the invocation.</summary>
    public TimeSpan MaxPollDuration { get; set; } = TimeSpan.FromMinutes(2);

    internal string ApiVersion => Version switch
    {
        ServiceVersion.V2023_03_31 => "2023-03-31",
        ServiceVersion.V2025_09_01 => "2025-09-01",
        _ => throw new NotSupportedException($"ACS Email API version {Version} is not supported."),
    };
}

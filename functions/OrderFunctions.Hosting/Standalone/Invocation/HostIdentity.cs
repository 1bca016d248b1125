namespace OrderFunctions.Hosting.Standalone.Invocation;

/// <summary>How the Functions host introduces itself to a custom handler (HttpWorkerConstants in the host).</summary>
internal static class HostIdentity
{
    /// <summary>The host release whose wire contract the reference documents; sent as the host sends its own version.</summary>
    public const string Version = "4.1037.0";

    public const string UserAgent = "Azure-Functions-Host/" + Version;

    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    public const string HostVersionHeader = "X-Azure-Functions-HostVersion";
}

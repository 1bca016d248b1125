namespace OrderFunctions.Hosting.Contract;

/// <summary>Headers the Functions host adds to every request it sends the handler.</summary>
public static class InvocationHeaders
{
    public const string InvocationId = "X-Azure-Functions-InvocationId";
    public const string HostVersion = "X-Azure-Functions-HostVersion";
}

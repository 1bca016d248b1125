namespace OrderFunctions.Hosting.Standalone.Invocation;

/// <summary>The WebJobs SDK's <c>sys</c> binding data, present in every invocation's Metadata.</summary>
internal sealed record SystemBindingData(string MethodName, DateTimeOffset UtcNow, Guid RandGuid)
{
    public static SystemBindingData For(string functionName, TimeProvider time) =>
        new(functionName, time.GetUtcNow(), Guid.NewGuid());
}

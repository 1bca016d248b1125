using Microsoft.Extensions.Logging;

namespace OrderFunctions.Hosting.Contract;

internal static partial class ContractLog
{
    [LoggerMessage(1, LogLevel.Warning, "Invocation {InvocationId} asked for function '{FunctionName}', which is not a timer or queue function of this app.")]
    public static partial void UnknownFunction(ILogger logger, string functionName, string invocationId);

    [LoggerMessage(2, LogLevel.Warning, "Invocation {InvocationId} of {FunctionName} rejected: {Problem}")]
    public static partial void MalformedInvocation(ILogger logger, string functionName, string invocationId, string problem);

    [LoggerMessage(3, LogLevel.Error, "Invocation {InvocationId} of {FunctionName} failed.")]
    public static partial void FunctionFailed(ILogger logger, string functionName, string invocationId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Invocation {InvocationId} of {FunctionName} was cancelled: the host closed the request.")]
    public static partial void InvocationCancelled(ILogger logger, string functionName, string invocationId);
}

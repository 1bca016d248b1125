using Microsoft.AspNetCore.Http;

namespace OrderFunctions.Hosting.Contract;

/// <summary>The handler's replies to the host, each an <c>application/json</c> body (the host rejects other media types
/// and hangs on an empty 2xx body).</summary>
internal static class InvocationResults
{
    public static IResult Completed(IReadOnlyList<string> logs) =>
        TypedResults.Json(new InvocationResponse { Logs = logs }, ContractJsonContext.Relaxed.InvocationResponse);

    /// <summary>Non-2xx: the host fails the invocation, so a queue message is retried and finally poisoned.</summary>
    public static IResult Failed(int statusCode, string error, string? function, string? invocationId) =>
        TypedResults.Json(
            new InvocationError(error, function, invocationId),
            ContractJsonContext.Relaxed.InvocationError,
            statusCode: statusCode);

    public static IResult Ready(int functions) =>
        TypedResults.Json(new ReadinessResponse("ready", functions), ContractJsonContext.Relaxed.ReadinessResponse);
}

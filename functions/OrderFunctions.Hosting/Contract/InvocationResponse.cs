using System.Text.Json;

namespace OrderFunctions.Hosting.Contract;

/// <summary>
/// The reply to a successful invocation (the host's <c>HttpScriptInvocationResult</c>):
/// <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c>. Never empty: the host treats an empty 2xx body as no result
/// and the invocation then hangs until <c>functionTimeout</c>. The host writes each of <see cref="Logs"/> as an
/// Information trace under the function's logger.
/// </summary>
public sealed class InvocationResponse
{
    /// <summary>Output binding values keyed by binding name (matched case-sensitively by the host). No function of
    /// this app declares output bindings (steps are enqueued through the queue client), so this stays empty.</summary>
    public IReadOnlyDictionary<string, JsonElement> Outputs { get; init; } = new Dictionary<string, JsonElement>();

    public required IReadOnlyList<string> Logs { get; init; }

    /// <summary>Bound to a <c>$return</c> output binding, which no function declares.</summary>
    public JsonElement? ReturnValue { get; init; }
}

/// <summary>The body of a failed invocation (4xx/5xx). The host only needs the status to fail the invocation (and
/// retry or poison a queue message); the body is for people reading logs, so it says what went wrong without a stack
/// trace, a payload or a secret.</summary>
public sealed record InvocationError(string Error, string? Function, string? InvocationId);

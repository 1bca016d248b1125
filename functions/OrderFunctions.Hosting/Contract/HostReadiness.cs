namespace OrderFunctions.Hosting.Contract;

/// <summary>
/// Whether the handler has answered the Functions host's readiness probe (<c>GET /</c>), which is where its start ends
/// as the host sees it: the host sends nothing else before. Work that the answer does not need (background warm-up,
/// storage creation) waits for it, so that it does not compete with the start for the CPU (issue 7).
/// </summary>
public sealed class HostReadiness
{
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first answer to <c>GET /</c> has been sent.</summary>
    public Task Answered => _answered.Task;

    internal void MarkAnswered() => _answered.TrySetResult();
}

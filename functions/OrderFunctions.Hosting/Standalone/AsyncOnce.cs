namespace OrderFunctions.Hosting.Standalone;

/// <summary>Runs an idempotent set-up action (create a table or queue) until it has succeeded once; a failure is not
/// cached, so the next caller tries again (storage may come up after the runtime).</summary>
internal sealed class AsyncOnce(Func<CancellationToken, Task> action) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_done)
            {
                await action(cancellationToken);
                _done = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the success, e.g. when the queue or table turns out to be gone (an in-memory emulator
    /// restarted), so the next caller creates it again.</summary>
    public void Reset() => _done = false;

    public void Dispose() => _gate.Dispose();
}

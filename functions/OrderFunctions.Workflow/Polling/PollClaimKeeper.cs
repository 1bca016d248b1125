namespace OrderFunctions.Workflow.Polling;

/// <summary>Keeps one poll's <see cref="PollClaim"/> alive while the poll works, and releases it at the end. A heartbeat
/// renews it every third of its length whatever the poll is doing (a page or an order can wait on a marketplace's rate
/// limit for longer than the claim lasts), so the claim can be short: a crashed poll's claim lapses within
/// <see cref="Hosting.WorkflowOptions.PollClaimDuration"/> and its integration is polled again soon. A claim lost to
/// another run fails the poll at its next <see cref="KeepAsync"/>. A back-fill holds none.</summary>
internal sealed class PollClaimKeeper : IAsyncDisposable
{
    private readonly PollStateStore _pollState;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _heartbeat;
    private PollClaim? _claim;
    private Exception? _lost;

    public PollClaimKeeper(PollStateStore pollState, PollClaim? claim, TimeProvider time, TimeSpan duration)
    {
        _pollState = pollState;
        _claim = claim;
        _time = time;
        _duration = duration;
        _heartbeat = claim is null ? Task.CompletedTask : HeartbeatAsync(_stop.Token);
    }

    /// <summary>Throws <see cref="PollClaimLostException"/> when the claim was lost; renews it when half has passed
    /// (the heartbeat normally has).</summary>
    public async Task KeepAsync(CancellationToken cancellationToken)
    {
        if (_lost is { } lost)
        {
            throw new PollClaimLostException(lost.Message, lost);
        }

        if (_claim is { } current && _time.GetUtcNow() >= current.ClaimedUntil - (_duration / 2))
        {
            await RenewAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the claim (best effort: a claim that is not released lapses).</summary>
    public async Task ReleaseAsync()
    {
        await StopHeartbeatAsync().ConfigureAwait(false);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_claim is { } current)
            {
                _claim = null;
                await _pollState.ReleasePollClaimAsync(current, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Azure.RequestFailedException)
        {
            // Storage unreachable at the end of a poll: the claim lapses on its own.
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopHeartbeatAsync().ConfigureAwait(false);
        _stop.Dispose();
        _gate.Dispose();
    }

    private async Task StopHeartbeatAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await _heartbeat.ConfigureAwait(false);
    }

    private async Task HeartbeatAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_duration / 3, _time, stop).ConfigureAwait(false);
                try
                {
                    await RenewAsync(stop).ConfigureAwait(false);
                }
                catch (PollClaimLostException e)
                {
                    _lost = e;
                    return;
                }
                catch (Azure.RequestFailedException)
                {
                    // Storage hiccup: the next beat (or the poll's own KeepAsync) tries again before the claim lapses.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The poll ended.
        }
    }

    /// <summary>Renews the claim now; throws <see cref="PollClaimLostException"/> when another run holds it.</summary>
    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_claim is { } current)
            {
                _claim = await _pollState.RenewPollClaimAsync(current, _time.GetUtcNow() + _duration, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PollClaimLostException e)
        {
            _lost ??= e;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }
}

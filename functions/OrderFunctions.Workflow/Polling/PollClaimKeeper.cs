namespace OrderFunctions.Workflow.Polling;

/// <summary>Keeps one poll's <see cref="PollClaim"/> alive while the poll works: renewed once half of it is used (checked
/// after each page and each order, one renewal at a time), and released at the end. A back-fill holds none.</summary>
internal sealed class PollClaimKeeper(PollStateStore pollState, PollClaim? claim, TimeProvider time, TimeSpan duration)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PollClaim? _claim = claim;

    /// <summary>Renews the claim when half of it has passed.</summary>
    public async Task KeepAsync(CancellationToken cancellationToken)
    {
        if (_claim is { } current && time.GetUtcNow() >= current.ClaimedUntil - duration / 2)
        {
            await RenewAsync(cancellationToken).ConfigureAwait(false);
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
                _claim = await pollState.RenewPollClaimAsync(current, time.GetUtcNow() + duration, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the claim (best effort: a claim that is not released lapses).</summary>
    public async Task ReleaseAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_claim is { } current)
            {
                _claim = null;
                await pollState.ReleasePollClaimAsync(current, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
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
}

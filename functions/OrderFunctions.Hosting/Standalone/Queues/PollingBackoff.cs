namespace OrderFunctions.Hosting.Standalone.Queues;

/// <summary>
/// The host's randomized exponential back-off between polls of an empty queue: from 100 ms, doubling with ±20 %
/// jitter (so many listeners do not poll in step), capped at <c>maxPollingInterval</c>; a poll that finds messages
/// resets it.
/// </summary>
internal sealed class PollingBackoff(TimeSpan maximum, Random random)
{
    public static readonly TimeSpan Minimum = TimeSpan.FromMilliseconds(100);
    private const double Jitter = 0.2;

    private int _exponent;

    public void Reset() => _exponent = 0;

    public TimeSpan NextDelay()
    {
        var growth = Math.Pow(2, _exponent) * (1 + ((random.NextDouble() * 2) - 1) * Jitter);
        var delay = Minimum + TimeSpan.FromMilliseconds(Minimum.TotalMilliseconds * growth);
        if (delay >= maximum)
        {
            return maximum;
        }

        _exponent++;
        return delay;
    }
}

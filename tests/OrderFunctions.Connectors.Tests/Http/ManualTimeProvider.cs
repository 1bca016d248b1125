namespace OrderFunctions.Connectors.Tests.Http;

/// <summary>A clock tests move by hand (token expiry, date windows, the 15-minute rule). Timers still run on real
/// time (the base <see cref="TimeProvider.CreateTimer"/>), so a delay never hangs a test.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}

namespace OrderFunctions.Testing.Fakes;

/// <summary>One change a fake platform made (not a call that changed nothing): tests count these to find duplicates.</summary>
public sealed record RemoteEffect(string Operation, string Order, string Detail, DateTimeOffset At);

/// <summary>A strictly increasing clock for fake platforms' change times: whole milliseconds (as they survive storage),
/// never the same twice.</summary>
public sealed class ChangeClock(TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _last;

    public DateTimeOffset Next()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            _last = now > _last ? now : _last + TimeSpan.FromMilliseconds(1);
            return _last;
        }
    }
}

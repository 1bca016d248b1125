namespace OrderFunctions.Testing.Fakes;

/// <summary>One change a fake platform made (not a call that changed nothing): tests count these to find duplicates.</summary>
public sealed record RemoteEffect(string Operation, string Order, string Detail, DateTimeOffset At);

/// <summary>A fake platform's change times: whole milliseconds (as they survive storage), never the same twice, and —
/// like a real platform's — never ahead of the clock (a second change in the same millisecond waits for the next).</summary>
public sealed class ChangeClock(TimeProvider time)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _last;

    public DateTimeOffset Next()
    {
        lock (_gate)
        {
            var now = Millisecond();
            while (now <= _last)
            {
                Thread.Sleep(1);
                now = Millisecond();
            }

            _last = now;
            return now;
        }
    }

    private DateTimeOffset Millisecond()
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}

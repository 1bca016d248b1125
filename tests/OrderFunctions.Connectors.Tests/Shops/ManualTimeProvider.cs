namespace OrderFunctions.Connectors.Tests.Shops;

/// <summary>
/// A clock the test moves by hand. Timers (Task.Delay with this provider) fire at once and move the clock on by their
/// due time, so a connector waiting for a simulator sharing this clock (a cost bucket refilling, a job finishing) waits
/// exactly as long as it computed — deterministically and without real time passing.
/// </summary>
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

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new SteppingTimer(this, callback, state, dueTime);

    private sealed class SteppingTimer : ITimer
    {
        private readonly ManualTimeProvider _clock;
        private readonly TimerCallback _callback;
        private readonly object? _state;

        public SteppingTimer(ManualTimeProvider clock, TimerCallback callback, object? state, TimeSpan dueTime)
        {
            _clock = clock;
            _callback = callback;
            _state = state;
            Change(dueTime, Timeout.InfiniteTimeSpan);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                _clock.Advance(dueTime);
                ThreadPool.QueueUserWorkItem(_ => _callback(_state));
            }

            return true;
        }

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

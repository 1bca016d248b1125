namespace OrderFunctions.App.Tests.Secrets;

/// <summary>A clock the test moves by hand (only "now" is used by the secret cache).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

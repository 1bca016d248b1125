namespace OrderFunctions.Connectors.Bol;

/// <summary>Tuning of the bol.com connector.</summary>
public sealed record BolSettings
{
    /// <summary>How often a cancellation's process status is read before giving up for now (the call then fails
    /// transiently and a retry picks the same process up again instead of cancelling twice).</summary>
    public int ProcessPollAttempts { get; init; } = 5;

    public TimeSpan ProcessPollDelay { get; init; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ProcessPollAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ProcessPollDelay, TimeSpan.Zero);
    }
}

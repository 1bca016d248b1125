namespace OrderFunctions.Storage.Tests.Support;

/// <summary>Waits for a condition with a bounded timeout instead of asserting on elapsed time.</summary>
internal static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"The condition did not hold within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100);
        }
    }
}

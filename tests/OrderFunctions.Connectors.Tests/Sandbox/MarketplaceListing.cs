using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Sandbox;

internal static class MarketplaceListing
{
    /// <summary>Every order changed in [<paramref name="since"/>, now), all pages (bounded: a runaway token fails the
    /// test). Connectors end a window at their clock's "now", so this first lets the clock pass
    /// <paramref name="changedUntil"/> (the moment the test's last change was made).</summary>
    public static async Task<IReadOnlyList<MarketplaceOrder>> ListAllAsync(IMarketplace marketplace, DateTimeOffset since, DateTimeOffset changedUntil)
    {
        var until = changedUntil.AddMilliseconds(2);
        while (DateTimeOffset.UtcNow <= until)
        {
            await Task.Yield();
        }

        var orders = new List<MarketplaceOrder>();
        string? token = null;
        for (var page = 0; page < 100; page++)
        {
            var result = await marketplace.ListChangedOrdersAsync(since, until, token, CancellationToken.None);
            orders.AddRange(result.Orders);
            if ((token = result.NextPageToken) is null)
            {
                return orders;
            }
        }

        throw new InvalidOperationException("The listing did not end within 100 pages.");
    }
}

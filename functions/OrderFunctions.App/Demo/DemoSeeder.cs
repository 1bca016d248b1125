using System.Text.Json;
using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.App.Demo;

internal enum DemoSeedOutcome
{
    Created,

    /// <summary>The accounts, settings or status map differed (a new sandbox listens on new ports) and were replaced.</summary>
    Updated,

    Unchanged,
}

internal sealed record DemoSeedResult(string IntegrationId, string DisplayName, DemoSeedOutcome Outcome);

/// <summary>
/// Writes the demo integrations through the workflow's own <see cref="IntegrationStore"/> (validation included), so
/// seeding again is safe: a missing integration is created, a changed one brought up to date under If-Match, an equal
/// one left alone.
/// </summary>
internal sealed class DemoSeeder(IntegrationStore store)
{
    // Structural comparison: the settings hold a dictionary, which record equality compares by reference.
    private static readonly JsonSerializerOptions CompareJson = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<DemoSeedResult>> SeedAsync(DemoManifest manifest, DemoSeedOptions options, CancellationToken cancellationToken)
    {
        var results = new List<DemoSeedResult>();
        foreach (var demo in DemoIntegrations.For(manifest, options))
        {
            results.Add(new DemoSeedResult(demo.Integration.Id, demo.Integration.DisplayName, await SeedAsync(demo, cancellationToken)));
        }

        return results;
    }

    private async Task<DemoSeedOutcome> SeedAsync(DemoIntegration demo, CancellationToken cancellationToken)
    {
        var id = demo.Integration.Id;
        var current = await store.GetAsync(id, cancellationToken);
        if (current is null)
        {
            try
            {
                await store.CreateAsync(demo.Integration, demo.StatusMap, cancellationToken);
                return DemoSeedOutcome.Created;
            }
            catch (IntegrationConflictException)
            {
                // Created by a concurrent seed since the read: bring that one up to date instead.
                current = await store.GetAsync(id, cancellationToken) ?? throw new IntegrationNotFoundException(id);
            }
        }

        var outcome = DemoSeedOutcome.Unchanged;
        var etag = current.ETag;
        if (!Same(current.Integration, demo.Integration))
        {
            etag = (await store.UpdateAsync(demo.Integration, etag, cancellationToken)).ETag;
            outcome = DemoSeedOutcome.Updated;
        }

        if (!Same(current.StatusMap, demo.StatusMap))
        {
            await store.ReplaceStatusMapAsync(id, demo.StatusMap, etag, cancellationToken);
            outcome = DemoSeedOutcome.Updated;
        }

        return outcome;
    }

    private static bool Same(Integration stored, Integration wanted) =>
        JsonSerializer.Serialize(stored, CompareJson) == JsonSerializer.Serialize(wanted, CompareJson);

    // The store returns the reverse rows in key order; the order carries no meaning.
    private static bool Same(StatusMap stored, StatusMap wanted) =>
        stored.Entries.OrderBy(e => e.MarketplaceStatus, StringComparer.Ordinal).SequenceEqual(wanted.Entries.OrderBy(e => e.MarketplaceStatus, StringComparer.Ordinal))
        && stored.Reverse.OrderBy(e => e.ShopStatus, StringComparer.Ordinal).SequenceEqual(wanted.Reverse.OrderBy(e => e.ShopStatus, StringComparer.Ordinal));
}

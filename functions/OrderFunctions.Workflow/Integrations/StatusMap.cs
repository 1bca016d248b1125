namespace OrderFunctions.Workflow.Integrations;

/// <summary>
/// One row of an integration's status map (DE-PARA, seeds 000 and 004): a marketplace status (from the
/// marketplace's fixed list), the shop status it becomes (any, custom ones included), whether the row is in use,
/// and whether an order first seen in this status is also created in the shop ("Processa Inclusão").
/// </summary>
public sealed record StatusMapEntry(string MarketplaceStatus, string ShopStatus, bool Active, bool ProcessInclusion);

/// <summary>What a shop status does on the marketplace when reverse flow is on.</summary>
public enum ReverseAction
{
    /// <summary>Nothing on the marketplace.</summary>
    None,

    /// <summary>Acknowledge (Trendyol Picking).</summary>
    Acknowledge,

    /// <summary>The shop shipped it: push tracking (or wait for it) and close.</summary>
    Ship,

    /// <summary>Cancel the remaining lines on the marketplace.</summary>
    Cancel,
}

public sealed record ReverseStatusMapEntry(string ShopStatus, ReverseAction Action, bool Active);

/// <summary>An integration's two maps. Every marketplace status of the marketplace has exactly one row in
/// <see cref="Entries"/>; an order whose status has no active row is held, never guessed.</summary>
public sealed record StatusMap(IReadOnlyList<StatusMapEntry> Entries, IReadOnlyList<ReverseStatusMapEntry> Reverse)
{
    public StatusMapEntry? Find(string marketplaceStatus) =>
        Entries.FirstOrDefault(e => string.Equals(e.MarketplaceStatus, marketplaceStatus, StringComparison.Ordinal));

    public ReverseStatusMapEntry? FindReverse(string shopStatus) =>
        Reverse.FirstOrDefault(e => string.Equals(e.ShopStatus, shopStatus, StringComparison.OrdinalIgnoreCase));
}

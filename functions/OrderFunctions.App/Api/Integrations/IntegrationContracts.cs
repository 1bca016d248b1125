using System.Text.Json.Serialization;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;

namespace OrderFunctions.App.Api.Integrations;

// The integration resources as the API reads and writes them. Accounts carry the NAME of the secret holding their
// credentials (Key Vault or local), never a credential: the integrations table has no secret to return.

/// <summary>An integration as sent to create or replace it. Everything is optional here so that each missing or bad
/// field is reported by name (<see cref="IntegrationValidator"/>); <see cref="Settings"/> left out means the defaults;
/// <see cref="StatusMap"/> (create only) left out means the marketplace's default map.</summary>
internal sealed record IntegrationInput
{
    public string? Id { get; init; }

    public string? DisplayName { get; init; }

    public ConnectorAccountInput? Marketplace { get; init; }

    public ConnectorAccountInput? Shop { get; init; }

    public IntegrationSettings? Settings { get; init; }

    public StatusMapInput? StatusMap { get; init; }

    public Integration ToIntegration(string? id = null) => new()
    {
        Id = id ?? Id!,
        DisplayName = DisplayName!,
        Marketplace = Marketplace?.ToAccount()!,
        Shop = Shop?.ToAccount()!,
        Settings = Complete(Settings),
    };

    /// <summary>Settings as sent, with an explicit <c>"carrierMap": null</c> read as no carriers.</summary>
    public static IntegrationSettings Complete(IntegrationSettings? settings) =>
        settings is null ? new IntegrationSettings() : settings with { CarrierMap = settings.CarrierMap ?? new Dictionary<string, string>() };
}

internal sealed record ConnectorAccountInput
{
    public string? Kind { get; init; }

    public Uri? BaseUrl { get; init; }

    public string? AccountId { get; init; }

    public string? SecretName { get; init; }

    public string? ApiVersion { get; init; }

    public ConnectorAccount ToAccount() => new()
    {
        Kind = Kind!,
        BaseUrl = BaseUrl!,
        AccountId = AccountId,
        SecretName = SecretName!,
        ApiVersion = ApiVersion,
    };
}

/// <summary>A status map as sent: the DE-PARA rows and the reverse rows (either may be left out: no rows).</summary>
internal sealed record StatusMapInput
{
    public IReadOnlyList<StatusMapEntry>? Entries { get; init; }

    public IReadOnlyList<ReverseStatusMapEntry>? Reverse { get; init; }

    public StatusMap ToStatusMap()
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < Entries?.Count; i++)
        {
            if (Entries[i] is null)
            {
                errors[$"statusMap.entries[{i}]"] = ["A row, not null."];
            }
        }

        for (var i = 0; i < Reverse?.Count; i++)
        {
            if (Reverse[i] is null)
            {
                errors[$"statusMap.reverse[{i}]"] = ["A row, not null."];
            }
        }

        IntegrationValidator.ThrowIfInvalid(errors);
        return new StatusMap(Entries ?? [], Reverse ?? []);
    }
}

/// <summary>One integration in a list, with the ETag to send in If-Match when editing it.</summary>
internal sealed record IntegrationSummary(string Id, string DisplayName, string Marketplace, string Shop, [property: JsonPropertyName("etag")] string ETag)
{
    public static IntegrationSummary From(IntegrationRecord record) => new(
        record.Integration.Id,
        record.Integration.DisplayName,
        record.Integration.Marketplace.Kind,
        record.Integration.Shop.Kind,
        record.ETag.ToString());
}

internal sealed record IntegrationList(IReadOnlyList<IntegrationSummary> Items);

/// <summary>An integration's status map with the marketplace's fixed list of statuses it may map.</summary>
internal sealed record StatusMapView(string IntegrationId, string Marketplace, IReadOnlyList<MarketplaceStatus> MarketplaceStatuses, IReadOnlyList<StatusMapEntry> Entries, IReadOnlyList<ReverseStatusMapEntry> Reverse)
{
    public static StatusMapView From(IntegrationRecord record) => new(
        record.Integration.Id,
        record.Marketplace.Kind,
        record.Marketplace.Statuses,
        record.StatusMap.Entries,
        record.StatusMap.Reverse);
}

internal sealed record MarketplaceList(IReadOnlyList<MarketplaceDescriptor> Items);

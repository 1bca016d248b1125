using System.Text.RegularExpressions;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Shops;

namespace OrderFunctions.Workflow.Integrations;

/// <summary>An integration or status map that cannot be stored; <see cref="Errors"/> names each bad field
/// (e.g. <c>settings.pollInterval</c>, <c>statusMap.entries[3].marketplaceStatus</c>) for a problem+json answer.</summary>
public sealed class IntegrationValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The integration is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The rules an integration and its status map obey before they are stored.</summary>
public static partial class IntegrationValidator
{
    public const int MaxReverseEntries = 60;

    public static IReadOnlyDictionary<string, string[]> Validate(Integration integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        var errors = new Errors();
        if (integration.Id is null || !IdPattern().IsMatch(integration.Id))
        {
            errors.Add("id", "3-40 lower-case letters, digits and '-', starting and ending with a letter or digit.");
        }

        if (string.IsNullOrWhiteSpace(integration.DisplayName) || integration.DisplayName.Length > 100)
        {
            errors.Add("displayName", "Required, at most 100 characters.");
        }

        ValidateAccount(errors, "marketplace", integration.Marketplace);
        if (integration.Marketplace is not null && MarketplaceCatalog.Find(integration.Marketplace.Kind) is null)
        {
            errors.Add("marketplace.kind", $"One of {string.Join(", ", MarketplaceCatalog.All.Select(m => m.Kind))}.");
        }

        ValidateAccount(errors, "shop", integration.Shop);
        var settings = integration.Settings;
        if (settings is null)
        {
            errors.Add("settings", "Required.");
            return errors.ToDictionary();
        }

        if (settings.PollInterval < TimeSpan.FromSeconds(1) || settings.PollInterval > TimeSpan.FromDays(1))
        {
            errors.Add("settings.pollInterval", "Between 1 second and 1 day.");
        }

        if (settings.TrackingWait < TimeSpan.Zero || settings.TrackingWait > TimeSpan.FromDays(30))
        {
            errors.Add("settings.trackingWait", "Between 0 and 30 days.");
        }

        if (settings.NotificationEmail is { } email && !EmailPattern().IsMatch(email))
        {
            errors.Add("settings.notificationEmail", "An e-mail address.");
        }

        if (settings.ShipmentVatRate is < 0 or > 100)
        {
            errors.Add("settings.shipmentVatRate", "A percentage between 0 and 100.");
        }

        if (string.IsNullOrWhiteSpace(settings.ReservationShopStatus) || settings.ReservationShopStatus.Length > 100)
        {
            errors.Add("settings.reservationShopStatus", "Required, at most 100 characters.");
        }

        if (settings.StockMode == StockMode.ReserveOnReceipt && integration.Shop is not null && !ShopCatalog.CanSet(integration.Shop.Kind, settings.ReservationShopStatus))
        {
            errors.Add("settings.reservationShopStatus", CannotSet(integration.Shop.Kind, settings.ReservationShopStatus));
        }

        if (!Enum.IsDefined(settings.StockMode))
        {
            errors.Add("settings.stockMode", $"One of {string.Join(", ", Enum.GetNames<StockMode>())}.");
        }

        if (!Enum.IsDefined(settings.TrackingField))
        {
            errors.Add("settings.trackingField", $"One of {string.Join(", ", Enum.GetNames<TrackingField>())}.");
        }

        if (settings.CarrierMap.Any(p => string.IsNullOrWhiteSpace(p.Key) || string.IsNullOrWhiteSpace(p.Value)))
        {
            errors.Add("settings.carrierMap", "Carrier names cannot be empty.");
        }

        return errors.ToDictionary();
    }

    /// <summary>Statuses must be ones the marketplace reports (seed 000: the list is fixed), each at most once; shop
    /// statuses may be anything the shop of <paramref name="shopKind"/> can set (any non-empty one, custom ones included,
    /// for WooCommerce; Shopify's four for Shopify) — checked on active rows, the only ones the hub sets. A status left
    /// out is "unmapped": its orders are held.</summary>
    public static IReadOnlyDictionary<string, string[]> Validate(StatusMap map, MarketplaceDescriptor marketplace, string? shopKind = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(marketplace);
        var errors = new Errors();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < map.Entries.Count; i++)
        {
            var entry = map.Entries[i];
            if (marketplace.FindStatus(entry.MarketplaceStatus) is null)
            {
                errors.Add($"statusMap.entries[{i}].marketplaceStatus", $"'{entry.MarketplaceStatus}' is not a {marketplace.DisplayName} status; one of {string.Join(", ", marketplace.Statuses.Select(s => s.Name))}.");
            }
            else if (!seen.Add(entry.MarketplaceStatus))
            {
                errors.Add($"statusMap.entries[{i}].marketplaceStatus", $"'{entry.MarketplaceStatus}' appears more than once.");
            }

            if (string.IsNullOrWhiteSpace(entry.ShopStatus) || entry.ShopStatus.Length > 100)
            {
                errors.Add($"statusMap.entries[{i}].shopStatus", "Required, at most 100 characters.");
            }
            else if (entry.Active && !ShopCatalog.CanSet(shopKind, entry.ShopStatus))
            {
                errors.Add($"statusMap.entries[{i}].shopStatus", CannotSet(shopKind, entry.ShopStatus));
            }
        }

        if (map.Reverse.Count > MaxReverseEntries)
        {
            errors.Add("statusMap.reverse", $"At most {MaxReverseEntries} rows.");
        }

        var shopStatuses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < map.Reverse.Count; i++)
        {
            var entry = map.Reverse[i];
            if (string.IsNullOrWhiteSpace(entry.ShopStatus) || entry.ShopStatus.Length > 100)
            {
                errors.Add($"statusMap.reverse[{i}].shopStatus", "Required, at most 100 characters.");
            }
            else if (!shopStatuses.Add(entry.ShopStatus))
            {
                errors.Add($"statusMap.reverse[{i}].shopStatus", $"'{entry.ShopStatus}' appears more than once.");
            }

            if (!Enum.IsDefined(entry.Action))
            {
                errors.Add($"statusMap.reverse[{i}].action", $"One of {string.Join(", ", Enum.GetNames<ReverseAction>())}.");
            }
        }

        return errors.ToDictionary();
    }

    private static string CannotSet(string? shopKind, string? status) =>
        $"'{status}' cannot be set in {shopKind}; settable are {string.Join(", ", ShopCatalog.SettableStatuses(shopKind) ?? [])}.";

    public static void ThrowIfInvalid(IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new IntegrationValidationException(errors);
        }
    }

    private static void ValidateAccount(Errors errors, string name, ConnectorAccount? account)
    {
        if (account is null)
        {
            errors.Add(name, "Required.");
            return;
        }

        if (string.IsNullOrWhiteSpace(account.Kind) || !KindPattern().IsMatch(account.Kind))
        {
            errors.Add($"{name}.kind", "Lower-case letters.");
        }

        if (account.BaseUrl is null || !account.BaseUrl.IsAbsoluteUri || account.BaseUrl.Scheme is not ("https" or "http"))
        {
            errors.Add($"{name}.baseUrl", "An absolute http(s) URL.");
        }

        if (string.IsNullOrWhiteSpace(account.SecretName) || !SecretNamePattern().IsMatch(account.SecretName))
        {
            errors.Add($"{name}.secretName", "1-127 letters, digits and '-' (a Key Vault secret name).");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z]{1,40}$")]
    private static partial Regex KindPattern();

    [GeneratedRegex("^[A-Za-z0-9-]{1,127}$")]
    private static partial Regex SecretNamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

        public void Add(string field, string message)
        {
            if (!_errors.TryGetValue(field, out var list))
            {
                _errors[field] = list = [];
            }

            list.Add(message);
        }

        public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }
}

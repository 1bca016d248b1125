namespace OrderFunctions.Connectors.Carriers;

/// <summary>Where a resolved carrier came from.</summary>
public enum CarrierSource
{
    /// <summary>Nothing determined it: the carrier is <see cref="CarrierNames.Unknown"/>.</summary>
    None,

    /// <summary>The carrier name the shop (or marketplace) reported, recognised as a canonical carrier.</summary>
    Reported,

    /// <summary>The integration's carrier map translated the reported name.</summary>
    CarrierMap,

    /// <summary>Recognised from the tracking code's pattern and check digit.</summary>
    TrackingCode,

    /// <summary>The carrier map's default entry (<see cref="CarrierResolver.DefaultMapKey"/>).</summary>
    MapDefault,
}

/// <summary>The carrier of a shipment: a canonical name (<see cref="CarrierNames"/>) or <see cref="CarrierNames.Unknown"/>;
/// <see cref="Detections"/> lists what the tracking-code rules found (several means ambiguous).</summary>
public sealed record CarrierResolution(string Carrier, CarrierSource Source, IReadOnlyList<TrackingCodeMatch> Detections)
{
    public bool IsKnown => Source != CarrierSource.None;
}

/// <summary>
/// Decides which carrier shipped an order (DESIGN §4 step 5, docs/connectors/carriers.md):
/// <list type="number">
/// <item>the integration's carrier map, when it has an entry for the name the platform reported (the merchant's word
/// beats the built-in aliases);</item>
/// <item>the reported name itself, when it is a carrier the hub knows;</item>
/// <item>detection from the tracking code, when exactly one carrier matches;</item>
/// <item>the carrier map's default entry <c>"*"</c>, when the merchant set one (also when the code is ambiguous);</item>
/// <item>otherwise <see cref="CarrierNames.Unknown"/>.</item>
/// </list>
/// Pure: no I/O, no clock.
/// </summary>
public static class CarrierResolver
{
    /// <summary>The carrier map key whose value is used when nothing else determines the carrier.</summary>
    public const string DefaultMapKey = "*";

    /// <param name="reportedCarrier">The carrier name the shop holds with the tracking (WooCommerce tracking provider,
    /// Shopify tracking company), or the marketplace's own (Trendyol cargoProviderName).</param>
    /// <param name="trackingCode">The track-and-trace code, if any.</param>
    /// <param name="carrierMap">The integration's map from carrier names to canonical carriers (IntegrationSettings.CarrierMap).</param>
    /// <param name="marketplaceKind">The integration's marketplace (enables marketplace-specific rules: Trendyol prefixes).</param>
    public static CarrierResolution Resolve(
        string? reportedCarrier,
        string? trackingCode,
        IReadOnlyDictionary<string, string>? carrierMap = null,
        string? marketplaceKind = null)
    {
        if (!string.IsNullOrWhiteSpace(reportedCarrier))
        {
            if (FindInMap(carrierMap, reportedCarrier) is { } mapped)
            {
                return new(mapped, CarrierSource.CarrierMap, []);
            }

            if (CarrierNames.Normalize(reportedCarrier) is { } reported)
            {
                return new(reported, CarrierSource.Reported, []);
            }
        }

        var detections = TrackingCodeDetector.Detect(trackingCode, marketplaceKind);
        var carriers = detections.Select(d => d.Carrier).Distinct(StringComparer.Ordinal).ToList();
        if (carriers.Count == 1)
        {
            return new(carriers[0], CarrierSource.TrackingCode, detections);
        }

        if (FindInMap(carrierMap, DefaultMapKey) is { } fallback)
        {
            return new(fallback, CarrierSource.MapDefault, detections);
        }

        return new(CarrierNames.Unknown, CarrierSource.None, detections);
    }

    /// <summary>The map's value for a name (keys compared without case, spaces or punctuation), normalised to a
    /// canonical name where it is one; a value the hub does not know is kept as the merchant wrote it.</summary>
    private static string? FindInMap(IReadOnlyDictionary<string, string>? carrierMap, string name)
    {
        if (carrierMap is null || carrierMap.Count == 0)
        {
            return null;
        }

        var key = name == DefaultMapKey ? name : CarrierNames.Fold(name);
        foreach (var (mapKey, value) in carrierMap)
        {
            var candidate = mapKey == DefaultMapKey ? mapKey : CarrierNames.Fold(mapKey);
            if (string.Equals(candidate, key, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(value))
            {
                return CarrierNames.Normalize(value) ?? value.Trim();
            }
        }

        return null;
    }
}

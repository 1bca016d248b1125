namespace OrderFunctions.Connectors.Trendyol;

/// <summary>
/// Trendyol's own carrier codes (getProviders, and the international "seller pays" list), keyed by the hub's canonical
/// carrier names (plain strings shared with carrier resolution: "UPS", "DHL", "PostNL", "Yurtici", "Aras",
/// "TrendyolExpress", …). Lookups ignore case. A canonical carrier Trendyol has no code for gives null.
/// </summary>
public static class TrendyolProviderCodes
{
    private static readonly Dictionary<string, string> ByCarrier = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TrendyolExpress"] = "TEXMP",
        ["Yurtici"] = "YKMP",
        ["Aras"] = "ARASMP",
        ["PTT"] = "PTTMP",
        ["Surat"] = "SURATMP",
        ["Horoz"] = "HOROZMP",
        ["Ceva"] = "CEVAMP",
        ["DHLeCommerce"] = "DHLECOMMP",
        ["Borusan"] = "BORMP",
        ["KolayGelsin"] = "SENDEOMP",
        ["DHL"] = "DHLMP",
        ["DHLExpress"] = "DHLEXPMP",
        ["DPD"] = "DPDMP",
        ["Hermes"] = "HERMESMP",
        ["GLS"] = "GLS",
    };

    /// <summary>Trendyol's <c>cargoProviderName</c> values (what a package reports) → canonical carrier.</summary>
    private static readonly Dictionary<string, string> ByProviderName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Trendyol Express Marketplace"] = "TrendyolExpress",
        ["Yurtiçi Kargo Marketplace"] = "Yurtici",
        ["Aras Kargo Marketplace"] = "Aras",
        ["PTT Kargo Marketplace"] = "PTT",
        ["Sürat Kargo Marketplace"] = "Surat",
        ["Horoz Kargo Marketplace"] = "Horoz",
        ["Horoz Lojistik Marketplace"] = "Horoz",
        ["CEVA Marketplace"] = "Ceva",
        ["DHL eCommerce Marketplace"] = "DHLeCommerce",
        ["Kolay Gelsin Marketplace"] = "KolayGelsin",
    };

    public static IReadOnlyCollection<string> Carriers => ByCarrier.Keys;

    /// <summary>The provider code for <paramref name="canonicalCarrier"/>, or null when Trendyol has none.</summary>
    public static string? ForCarrier(string canonicalCarrier) =>
        ByCarrier.TryGetValue(canonicalCarrier, out var code) ? code : null;

    /// <summary>The canonical carrier for a package's <c>cargoProviderName</c>, or null when unknown.</summary>
    public static string? CarrierOfProviderName(string cargoProviderName) =>
        ByProviderName.TryGetValue(cargoProviderName.Trim(), out var carrier) ? carrier : null;
}

namespace OrderFunctions.Connectors.Bol;

/// <summary>
/// bol's <c>transporterCode</c> values, keyed by the hub's canonical carrier names (plain strings shared with carrier
/// resolution: "PostNL", "DHL", "UPS", …). PostNL is <c>TNT</c> at bol, a name from before TNT's parcel business became
/// PostNL. Lookups ignore case; a carrier bol has no code for gives null (ship it as <see cref="Other"/>).
/// </summary>
public static class BolTransporterCodes
{
    public const string Other = "OTHER";

    private static readonly Dictionary<string, string> ByCarrier = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PostNL"] = "TNT",
        ["PostNLExtra"] = "TNT-EXTRA",
        ["PostNLLetter"] = "TNT_BRIEF",
        ["PostNLExpress"] = "TNT-EXPRESS",
        ["DHL"] = "DHL",
        ["DHLForYou"] = "DHLFORYOU",
        ["DHLDE"] = "DHL_DE",
        ["DHLGlobalMail"] = "DHL-GLOBAL-MAIL",
        ["DHLSameDay"] = "DHL-SD",
        ["UPS"] = "UPS",
        ["DPD"] = "DPD-NL",
        ["DPDNL"] = "DPD-NL",
        ["DPDBE"] = "DPD-BE",
        ["GLS"] = "GLS",
        ["FedEx"] = "FEDEX_NL",
        ["FedExNL"] = "FEDEX_NL",
        ["FedExBE"] = "FEDEX_BE",
        ["Bpost"] = "BPOST_BE",
        ["BpostLetter"] = "BPOST_BRIEF",
        ["Budbee"] = "BUDBEE",
        ["Trunkrs"] = "TRUNKRS",
        ["Dynalogic"] = "DYL",
        ["Transmission"] = "TRANSMISSION",
        ["Packs"] = "PACKS",
        ["Cycloon"] = "CYCLOON",
        ["Ampere"] = "AMPERE",
        ["Courier"] = "COURIER",
    };

    public static IReadOnlyCollection<string> Carriers => ByCarrier.Keys;

    /// <summary>The transporter code for <paramref name="canonicalCarrier"/>, or null when bol has none.</summary>
    public static string? ForCarrier(string canonicalCarrier) =>
        ByCarrier.TryGetValue(canonicalCarrier, out var code) ? code : null;
}

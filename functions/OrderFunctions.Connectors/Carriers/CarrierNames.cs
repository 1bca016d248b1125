using System.Collections.Frozen;
using System.Text;

namespace OrderFunctions.Connectors.Carriers;

/// <summary>
/// The hub's canonical carrier names (docs/connectors/carriers.md): plain strings that carrier resolution returns and
/// that each marketplace connector maps to its own codes (bol <c>transporterCode</c>, Trendyol provider codes).
/// <see cref="Normalize"/> turns the names shops and marketplaces use ("Yurtiçi Kargo", "dhl-express",
/// "Trendyol Express Marketplace") into these.
/// </summary>
public static class CarrierNames
{
    /// <summary>No carrier could be determined, or several rules matched the tracking code.</summary>
    public const string Unknown = "unknown";

    public const string Ups = "UPS";
    public const string FedEx = "FedEx";
    public const string Usps = "USPS";
    public const string Dhl = "DHL";
    public const string DhlExpress = "DHLExpress";
    public const string DhlForYou = "DHLForYou";
    public const string DhlDe = "DHLDE";
    public const string DhlECommerce = "DHLeCommerce";
    public const string PostNL = "PostNL";
    public const string Dpd = "DPD";
    public const string DpdNL = "DPDNL";
    public const string DpdBE = "DPDBE";
    public const string FedExNL = "FedExNL";
    public const string FedExBE = "FedExBE";
    public const string Gls = "GLS";
    public const string Budbee = "Budbee";
    public const string Trunkrs = "Trunkrs";
    public const string Cycloon = "Cycloon";
    public const string Dynalogic = "Dynalogic";
    public const string Hermes = "Hermes";
    public const string RoyalMail = "RoyalMail";
    public const string DeutschePost = "DeutschePost";
    public const string Bpost = "Bpost";
    public const string LaPoste = "LaPoste";
    public const string TrendyolExpress = "TrendyolExpress";
    public const string Yurtici = "Yurtici";
    public const string Aras = "Aras";
    public const string Surat = "Surat";
    public const string Mng = "MNG";
    public const string Ptt = "PTT";
    public const string Horoz = "Horoz";
    public const string Ceva = "Ceva";
    public const string Borusan = "Borusan";
    public const string KolayGelsin = "KolayGelsin";

    /// <summary>Every canonical name except <see cref="Unknown"/> and the <c>Post-XX</c> national posts. The marketplace
    /// connectors' code tables (BolTransporterCodes, TrendyolProviderCodes) are keyed by these.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Ups, FedEx, FedExNL, FedExBE, Usps, Dhl, DhlExpress, DhlForYou, DhlDe, DhlECommerce, PostNL, Dpd, DpdNL, DpdBE, Gls,
        RoyalMail, DeutschePost, Bpost, LaPoste, Budbee, Trunkrs, Cycloon, Dynalogic, Hermes,
        TrendyolExpress, Yurtici, Aras, Surat, Mng, Ptt, Horoz, Ceva, Borusan, KolayGelsin,
    ];

    private const string MarketplaceSuffix = "marketplace";

    // Keys are folded (see Fold): lower case, Turkish letters and accents folded, only [a-z0-9] kept.
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["ups"] = Ups, ["upskargo"] = Ups, ["unitedparcelservice"] = Ups,
        ["fedex"] = FedEx, ["federalexpress"] = FedEx, ["fedexground"] = FedEx, ["fedexexpress"] = FedEx,
        ["fedexnl"] = FedExNL, ["fedexbe"] = FedExBE,
        ["usps"] = Usps, ["unitedstatespostalservice"] = Usps,
        ["dhl"] = Dhl, ["dhlparcel"] = Dhl, ["dhlparcelnl"] = Dhl,
        ["dhlforyou"] = DhlForYou, ["dhlde"] = DhlDe, ["dhlpaket"] = DhlDe,
        ["dhlecommerce"] = DhlECommerce, ["dhlecommp"] = DhlECommerce,
        ["dhlexpress"] = DhlExpress, ["dhlexp"] = DhlExpress,
        ["postnl"] = PostNL,
        ["dpd"] = Dpd, ["dpdde"] = Dpd, ["dpduk"] = Dpd, ["dpdnl"] = DpdNL, ["dpdbe"] = DpdBE,
        ["gls"] = Gls,
        ["budbee"] = Budbee, ["trunkrs"] = Trunkrs, ["cycloon"] = Cycloon, ["dynalogic"] = Dynalogic, ["hermes"] = Hermes,
        ["royalmail"] = RoyalMail,
        ["deutschepost"] = DeutschePost,
        ["bpost"] = Bpost,
        ["laposte"] = LaPoste, ["colissimo"] = LaPoste,
        ["trendyolexpress"] = TrendyolExpress, ["texmp"] = TrendyolExpress,
        ["yurtici"] = Yurtici, ["yurticikargo"] = Yurtici, ["ykmp"] = Yurtici,
        ["aras"] = Aras, ["araskargo"] = Aras, ["arasmp"] = Aras,
        ["surat"] = Surat, ["suratkargo"] = Surat, ["suratmp"] = Surat,
        ["mng"] = Mng, ["mngkargo"] = Mng,
        ["ptt"] = Ptt, ["pttkargo"] = Ptt, ["pttmp"] = Ptt,
        ["horoz"] = Horoz, ["horozlojistik"] = Horoz, ["horozkargo"] = Horoz, ["horozmp"] = Horoz,
        ["ceva"] = Ceva, ["cevalojistik"] = Ceva, ["cevamp"] = Ceva,
        ["borusan"] = Borusan, ["borusanlojistik"] = Borusan, ["bormp"] = Borusan,
        ["kolaygelsin"] = KolayGelsin, ["sendeo"] = KolayGelsin, ["sendeomp"] = KolayGelsin,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The canonical name for a carrier name as a platform writes it, or null when it is not one the hub
    /// knows. Canonical names map to themselves, and <c>Post-XX</c> national posts are kept as they are.</summary>
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var trimmed = name.Trim();
        if (NationalPosts.IsNationalPostName(trimmed))
        {
            return trimmed;
        }

        // Trendyol's cargoProviderName values end in "Marketplace" ("Yurtiçi Kargo Marketplace").
        var folded = Fold(trimmed);
        return Aliases.GetValueOrDefault(folded)
            ?? (folded.EndsWith(MarketplaceSuffix, StringComparison.Ordinal) ? Aliases.GetValueOrDefault(folded[..^MarketplaceSuffix.Length]) : null);
    }

    /// <summary>Lower case, Turkish letters and common Latin accents folded to ASCII, everything but letters and
    /// digits dropped. (An explicit table: the app runs with invariant globalization, where Unicode decomposition is
    /// not available.)</summary>
    internal static string Fold(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var folded = char.ToLowerInvariant(c) switch
            {
                'ç' => 'c',
                'ş' => 's',
                'ğ' => 'g',
                'ı' or 'i' or 'í' or 'ì' or 'î' or 'ï' => 'i',
                'ü' or 'ú' or 'ù' or 'û' => 'u',
                'ö' or 'ó' or 'ò' or 'ô' => 'o',
                'é' or 'è' or 'ê' or 'ë' => 'e',
                'á' or 'à' or 'â' or 'ä' => 'a',
                'ñ' => 'n',
                var other => other,
            };
            if (folded is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(folded);
            }
        }

        return builder.ToString();
    }
}

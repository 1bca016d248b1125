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
    public const string PostNL = "PostNL";
    public const string Dpd = "DPD";
    public const string Gls = "GLS";
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

    /// <summary>Every canonical name except <see cref="Unknown"/> and the <c>Post-XX</c> national posts.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Ups, FedEx, Usps, Dhl, DhlExpress, PostNL, Dpd, Gls, RoyalMail, DeutschePost, Bpost, LaPoste,
        TrendyolExpress, Yurtici, Aras, Surat, Mng, Ptt, Horoz,
    ];

    // Keys are folded (see Fold): lower case, Turkish letters and accents folded, only [a-z0-9] kept.
    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>
    {
        ["ups"] = Ups, ["upskargo"] = Ups, ["unitedparcelservice"] = Ups,
        ["fedex"] = FedEx, ["federalexpress"] = FedEx, ["fedexground"] = FedEx, ["fedexexpress"] = FedEx,
        ["usps"] = Usps, ["unitedstatespostalservice"] = Usps,
        ["dhl"] = Dhl, ["dhlparcel"] = Dhl, ["dhlpaket"] = Dhl, ["dhlde"] = Dhl, ["dhlecommerce"] = Dhl, ["dhlforyou"] = Dhl,
        ["dhlexpress"] = DhlExpress, ["dhlexp"] = DhlExpress,
        ["postnl"] = PostNL,
        ["dpd"] = Dpd, ["dpdnl"] = Dpd, ["dpdbe"] = Dpd, ["dpdde"] = Dpd, ["dpduk"] = Dpd,
        ["gls"] = Gls,
        ["royalmail"] = RoyalMail,
        ["deutschepost"] = DeutschePost,
        ["bpost"] = Bpost,
        ["laposte"] = LaPoste, ["colissimo"] = LaPoste,
        ["trendyolexpress"] = TrendyolExpress, ["trendyolexpressmarketplace"] = TrendyolExpress, ["texmp"] = TrendyolExpress,
        ["yurtici"] = Yurtici, ["yurticikargo"] = Yurtici, ["ykmp"] = Yurtici,
        ["aras"] = Aras, ["araskargo"] = Aras, ["arasmp"] = Aras,
        ["surat"] = Surat, ["suratkargo"] = Surat, ["suratmp"] = Surat,
        ["mng"] = Mng, ["mngkargo"] = Mng,
        ["ptt"] = Ptt, ["pttkargo"] = Ptt, ["pttmp"] = Ptt,
        ["horoz"] = Horoz, ["horozlojistik"] = Horoz, ["horozmp"] = Horoz,
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

        return Aliases.GetValueOrDefault(Fold(trimmed));
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

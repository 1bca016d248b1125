using System.Text.RegularExpressions;

namespace OrderFunctions.Connectors.Carriers;

/// <summary>One rule that recognised a tracking code: the carrier it points to and the rule's name.</summary>
public sealed record TrackingCodeMatch(string Carrier, string Rule);

/// <summary>
/// Recognises the carrier of a tracking code from its pattern and check digit (docs/connectors/carriers.md). Prefix
/// rules (1Z, 3S, JJD/JVGL, S10) and checksum-validated digit-only rules (USPS, FedEx) run together; the caller treats
/// more than one carrier as "unknown" rather than guessing. Trendyol's prefix table only applies to codes that
/// Trendyol issued, so it runs only when the marketplace is Trendyol.
/// </summary>
public static partial class TrackingCodeDetector
{
    private const string Trendyol = "trendyol";

    /// <summary>Every rule that matches <paramref name="trackingCode"/> (spaces and hyphens ignored, case-insensitive).</summary>
    public static IReadOnlyList<TrackingCodeMatch> Detect(string? trackingCode, string? marketplaceKind = null)
    {
        var code = Clean(trackingCode);
        var matches = new List<TrackingCodeMatch>();
        if (code.Length == 0)
        {
            return matches;
        }

        DetectUps(code, matches);
        DetectS10(code, matches);
        if (PostNL3S().IsMatch(code))
        {
            matches.Add(new(CarrierNames.PostNL, "PostNL 3S"));
        }

        if (DhlExpressPiece().IsMatch(code))
        {
            matches.Add(new(CarrierNames.DhlExpress, "DHL Express piece id"));
        }

        if (Digits().IsMatch(code))
        {
            DetectUsps(code, matches);
            DetectFedEx(code, matches);
            if (string.Equals(marketplaceKind, Trendyol, StringComparison.OrdinalIgnoreCase))
            {
                DetectTrendyolIssued(code, matches);
            }
        }

        return matches;
    }

    /// <summary>Upper case without whitespace and hyphens.</summary>
    internal static string Clean(string? trackingCode) =>
        trackingCode is null ? "" : string.Concat(trackingCode.Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();

    private static void DetectUps(string code, List<TrackingCodeMatch> matches)
    {
        if (Ups1Z().IsMatch(code) && CheckDigits.Ups(code.AsSpan(2, 15)) == code[17] - '0')
        {
            matches.Add(new(CarrierNames.Ups, "UPS 1Z"));
        }
    }

    private static void DetectS10(string code, List<TrackingCodeMatch> matches)
    {
        if (S10().IsMatch(code) && CheckDigits.S10(code.AsSpan(2, 8)) == code[10] - '0')
        {
            matches.Add(new(NationalPosts.ForCountry(code[^2..]), "UPU S10"));
        }
    }

    private static void DetectUsps(string code, List<TrackingCodeMatch> matches)
    {
        // IMpb may carry a routing prefix: "420" + ZIP (5 digits) or "420" + ZIP+4 (9 digits).
        var impb = code switch
        {
            { Length: 30 } when code.StartsWith("420", StringComparison.Ordinal) => code[8..],
            { Length: 34 } when code.StartsWith("420", StringComparison.Ordinal) => code[12..],
            _ => code,
        };
        var isImpb = impb.Length is 22 or 26 && impb[0] == '9' && impb[1] is >= '1' and <= '5';
        if ((isImpb || code.Length == 20) && HasMod10Check(impb))
        {
            matches.Add(new(CarrierNames.Usps, isImpb ? "USPS IMpb" : "USPS 20"));
        }
    }

    private static void DetectFedEx(string code, List<TrackingCodeMatch> matches)
    {
        ReadOnlySpan<int> express12 = [3, 1, 7];
        ReadOnlySpan<int> express34 = [1, 7, 3];
        var rule = code.Length switch
        {
            12 when CheckDigits.WeightedMod11Mod10(code.AsSpan(0, 11), express12) == code[11] - '0' => "FedEx Express 12",
            15 when HasMod10Check(code) => "FedEx Ground 15",
            22 when code.StartsWith("96", StringComparison.Ordinal) && HasMod10Check(code.AsSpan(7)) => "FedEx Ground 96",
            34 when code.StartsWith("100", StringComparison.Ordinal)
                && CheckDigits.WeightedMod11Mod10(code.AsSpan(20, 13), express34) == code[33] - '0' => "FedEx Express 34",
            _ => null,
        };
        if (rule is not null)
        {
            matches.Add(new(CarrierNames.FedEx, rule));
        }
    }

    private static void DetectTrendyolIssued(string code, List<TrackingCodeMatch> matches)
    {
        // The first three digits of a cargoTrackingNumber Trendyol issued name the contracted carrier. Its length is not
        // documented (Trendyol's sample has 13 digits), so any plausible length counts and checksum rules that also
        // match make the result ambiguous.
        var carrier = code.Length is < 10 or > 20 ? null : code[..3] switch
        {
            "733" => CarrierNames.TrendyolExpress,
            "725" => CarrierNames.Yurtici,
            "726" => CarrierNames.Aras,
            "727" => CarrierNames.Surat,
            "728" => CarrierNames.Mng,
            "729" => CarrierNames.Ups,
            "734" => CarrierNames.Ptt,
            "884" or "984" => CarrierNames.Horoz,
            _ => null,
        };
        if (carrier is not null)
        {
            matches.Add(new(carrier, "Trendyol prefix"));
        }
    }

    /// <summary>The last digit is the GS1-style mod 10 check of the digits before it.</summary>
    private static bool HasMod10Check(ReadOnlySpan<char> digitsWithCheck) =>
        CheckDigits.Mod10Weight3FromRight(digitsWithCheck[..^1]) == digitsWithCheck[^1] - '0';

    [GeneratedRegex("^1Z[A-Z0-9]{15}[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex Ups1Z();

    [GeneratedRegex("^[A-Z]{2}[0-9]{9}[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex S10();

    [GeneratedRegex("^3S[A-Z]{4}([0-9]{7}|[0-9]{9})$", RegexOptions.CultureInvariant)]
    private static partial Regex PostNL3S();

    [GeneratedRegex("^(JJD|JVGL)[0-9]{9,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex DhlExpressPiece();

    [GeneratedRegex("^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}

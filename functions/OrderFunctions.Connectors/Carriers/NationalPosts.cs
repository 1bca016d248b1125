using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace OrderFunctions.Connectors.Carriers;

/// <summary>
/// The postal administration behind a UPU S10 code, from its two-letter country suffix: the posts the hub names
/// (Royal Mail, PostNL, PTT, …) by their canonical name, every other country as <c>Post-XX</c>.
/// </summary>
public static partial class NationalPosts
{
    private static readonly FrozenDictionary<string, string> ByCountry = new Dictionary<string, string>
    {
        ["GB"] = CarrierNames.RoyalMail,
        ["NL"] = CarrierNames.PostNL,
        ["TR"] = CarrierNames.Ptt,
        ["US"] = CarrierNames.Usps,
        ["DE"] = CarrierNames.DeutschePost,
        ["BE"] = CarrierNames.Bpost,
        ["FR"] = CarrierNames.LaPoste,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The carrier for an ISO 3166-1 alpha-2 country code (upper case).</summary>
    public static string ForCountry(string countryCode) =>
        ByCountry.GetValueOrDefault(countryCode) ?? $"Post-{countryCode}";

    public static bool IsNationalPostName(string name) => PostName().IsMatch(name);

    [GeneratedRegex("^Post-[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PostName();
}

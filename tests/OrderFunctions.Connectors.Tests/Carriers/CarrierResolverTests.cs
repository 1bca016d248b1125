using OrderFunctions.Connectors.Carriers;

namespace OrderFunctions.Connectors.Tests.Carriers;

public sealed class CarrierResolverTests
{
    [Theory]
    [InlineData("PostNL", CarrierNames.PostNL)]
    [InlineData("postnl", CarrierNames.PostNL)]
    [InlineData("DHL Express", CarrierNames.DhlExpress)]
    [InlineData("dhl-express", CarrierNames.DhlExpress)]
    [InlineData("Royal Mail", CarrierNames.RoyalMail)]
    [InlineData("Yurtiçi Kargo", CarrierNames.Yurtici)]
    [InlineData("Sürat Kargo", CarrierNames.Surat)]
    [InlineData("Trendyol Express Marketplace", CarrierNames.TrendyolExpress)]
    [InlineData("PTT Kargo", CarrierNames.Ptt)]
    [InlineData("Post-ES", "Post-ES")]
    [InlineData("DHL eCommerce", CarrierNames.DhlECommerce)]
    [InlineData("DPD BE", CarrierNames.DpdBE)]
    [InlineData("Kolay Gelsin", CarrierNames.KolayGelsin)]
    [InlineData("Horoz Kargo Marketplace", CarrierNames.Horoz)]
    public void ReportedCarrierTheHubKnowsWinsOverTheTrackingCode(string reported, string expected)
    {
        var resolution = CarrierResolver.Resolve(reported, "1Z999AA10123456784");

        Assert.Equal(expected, resolution.Carrier);
        Assert.Equal(CarrierSource.Reported, resolution.Source);
    }

    [Fact]
    public void CarrierMapTranslatesTheReportedName()
    {
        var map = new Dictionary<string, string> { ["Our courier"] = "dhl express" };

        var resolution = CarrierResolver.Resolve("our-courier", "1Z999AA10123456784", map);

        Assert.Equal(CarrierNames.DhlExpress, resolution.Carrier);
        Assert.Equal(CarrierSource.CarrierMap, resolution.Source);
    }

    [Fact]
    public void CarrierMapOverridesABuiltInAlias()
    {
        var map = new Dictionary<string, string> { ["DHL"] = CarrierNames.DhlExpress };

        Assert.Equal(CarrierNames.DhlExpress, CarrierResolver.Resolve("DHL", null, map).Carrier);
    }

    [Fact]
    public void UnrecognisedReportedNameFallsBackToTheTrackingCode()
    {
        var resolution = CarrierResolver.Resolve("Some local courier", "3SABCD1234567");

        Assert.Equal(CarrierNames.PostNL, resolution.Carrier);
        Assert.Equal(CarrierSource.TrackingCode, resolution.Source);
    }

    [Fact]
    public void TrackingCodeMatchingTwoCarriersIsUnknown()
    {
        // Trendyol prefix 733 (Trendyol Express) and a valid FedEx Express 12-digit check digit.
        var resolution = CarrierResolver.Resolve(null, "733123456785", marketplaceKind: "trendyol");

        Assert.Equal(CarrierNames.Unknown, resolution.Carrier);
        Assert.Equal(CarrierSource.None, resolution.Source);
        Assert.Equal(2, resolution.Detections.Count);
    }

    [Fact]
    public void MapDefaultAppliesWhenNothingElseDecides()
    {
        var map = new Dictionary<string, string> { [CarrierResolver.DefaultMapKey] = "GLS" };

        var resolution = CarrierResolver.Resolve(null, "NOT-A-KNOWN-CODE", map);

        Assert.Equal(CarrierNames.Gls, resolution.Carrier);
        Assert.Equal(CarrierSource.MapDefault, resolution.Source);
    }

    [Fact]
    public void NothingKnownIsUnknown()
    {
        var resolution = CarrierResolver.Resolve("Some local courier", "ABC");

        Assert.Equal(CarrierNames.Unknown, resolution.Carrier);
        Assert.False(resolution.IsKnown);
    }

    [Fact]
    public void EveryCanonicalNameNormalisesToItself()
    {
        Assert.All(CarrierNames.All, name => Assert.Equal(name, CarrierNames.Normalize(name)));
    }

    [Fact]
    public void MapValueTheHubDoesNotKnowIsKeptAsWritten()
    {
        var map = new Dictionary<string, string> { ["Bike courier"] = "PostNLExpress" };

        Assert.Equal("PostNLExpress", CarrierResolver.Resolve("bike courier", null, map).Carrier);
    }
}

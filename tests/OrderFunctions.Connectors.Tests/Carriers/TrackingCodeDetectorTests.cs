using OrderFunctions.Connectors.Carriers;

namespace OrderFunctions.Connectors.Tests.Carriers;

public sealed class TrackingCodeDetectorTests
{
    // Valid codes are published examples (UPS's own sample, the S10 standard's RR123456785GB, the carriers' sample
    // numbers collected in jkeen/tracking_number_data); each invalid one differs from a valid one in its check digit.
    [Theory]
    [InlineData("1Z999AA10123456784", CarrierNames.Ups)]
    [InlineData("1Z5R89390357567127", CarrierNames.Ups)]
    [InlineData("1z 999 aa1 0123 4567 84", CarrierNames.Ups)]
    [InlineData("RR123456785GB", CarrierNames.RoyalMail)]
    [InlineData("RR123456785NL", CarrierNames.PostNL)]
    [InlineData("RR123456785TR", CarrierNames.Ptt)]
    [InlineData("RR123456785US", CarrierNames.Usps)]
    [InlineData("RR123456785ES", "Post-ES")]
    [InlineData("3SABCD1234567", CarrierNames.PostNL)]
    [InlineData("3SABCD123456789", CarrierNames.PostNL)]
    [InlineData("JJD0099999999", CarrierNames.DhlExpress)]
    [InlineData("JVGL0999999990", CarrierNames.DhlExpress)]
    [InlineData("0307 1790 0005 2348 3741", CarrierNames.Usps)]
    [InlineData("9400 1112 0108 0805 4830 16", CarrierNames.Usps)]
    [InlineData("92748931507708513018050063", CarrierNames.Usps)]
    [InlineData("420 22153 9101026837331000039521", CarrierNames.Usps)]
    [InlineData("4201028200009261290113185417468510", CarrierNames.Usps)]
    [InlineData("986578788855", CarrierNames.FedEx)]
    [InlineData("799531274483", CarrierNames.FedEx)]
    [InlineData("5682 8361 0012 734", CarrierNames.FedEx)]
    [InlineData("9611020987654312345672", CarrierNames.FedEx)]
    [InlineData("1001921334250001000300779017972697", CarrierNames.FedEx)]
    public void ValidCodeIsRecognisedAsItsCarrier(string code, string carrier)
    {
        var matches = TrackingCodeDetector.Detect(code);

        Assert.Equal(carrier, Assert.Single(matches).Carrier);
    }

    [Theory]
    [InlineData("1Z999AA10123456785")]
    [InlineData("1Z5R89390357567120")]
    [InlineData("RR123456784GB")]
    [InlineData("3SABCD12345678")]
    [InlineData("JJD00999999")]
    [InlineData("0307 1790 0005 2348 3742")]
    [InlineData("9400 1112 0108 0805 4830 17")]
    [InlineData("420 22153 9101026837331000039522")]
    [InlineData("996578788855")]
    [InlineData("5682 8361 0012 732")]
    [InlineData("9611020987654312345673")]
    [InlineData("1001901781990001000300617767839438")]
    [InlineData("HELLO")]
    [InlineData("")]
    public void CodeWithWrongCheckDigitOrUnknownShapeMatchesNothing(string code)
    {
        Assert.Empty(TrackingCodeDetector.Detect(code));
    }

    [Theory]
    [InlineData("7330012345678", CarrierNames.TrendyolExpress)]
    [InlineData("7250012345678", CarrierNames.Yurtici)]
    [InlineData("7260012345678", CarrierNames.Aras)]
    [InlineData("7270012345678", CarrierNames.Surat)]
    [InlineData("7280012345678", CarrierNames.Mng)]
    [InlineData("7290012345678", CarrierNames.Ups)]
    [InlineData("7340447182689", CarrierNames.Ptt)]
    [InlineData("8840012345678", CarrierNames.Horoz)]
    [InlineData("9840012345678", CarrierNames.Horoz)]
    public void TrendyolIssuedCodeIsRecognisedByPrefixOnTrendyol(string code, string carrier)
    {
        Assert.Equal(carrier, Assert.Single(TrackingCodeDetector.Detect(code, "trendyol")).Carrier);
    }

    [Fact]
    public void TrendyolPrefixIsIgnoredForOtherMarketplaces()
    {
        Assert.Empty(TrackingCodeDetector.Detect("7330012345678", "bol"));
        Assert.Empty(TrackingCodeDetector.Detect("7330012345678"));
    }

    [Theory]
    [InlineData("733001234")]
    [InlineData("733001234567890123456")]
    [InlineData("7320012345678")]
    public void TrendyolPrefixNeedsAKnownPrefixAndTenToTwentyDigits(string code)
    {
        Assert.Empty(TrackingCodeDetector.Detect(code, "trendyol"));
    }

    [Fact]
    public void CodeMatchingTwoRulesReportsBoth()
    {
        var matches = TrackingCodeDetector.Detect("733123456785", "trendyol");

        Assert.Equal([CarrierNames.FedEx, CarrierNames.TrendyolExpress], matches.Select(m => m.Carrier).Order(StringComparer.Ordinal));
    }
}

using OrderFunctions.Connectors.Bol;
using OrderFunctions.Sandbox.Bol;

namespace OrderFunctions.Connectors.Tests.Bol;

public sealed class BolTransporterCodesTests
{
    [Theory]
    [InlineData("PostNL", "TNT")]
    [InlineData("postnl", "TNT")]
    [InlineData("DHL", "DHL")]
    [InlineData("DPD", "DPD-NL")]
    [InlineData("Bpost", "BPOST_BE")]
    [InlineData("UPS", "UPS")]
    [InlineData("Yurtici", null)]
    public void CanonicalCarriersMapToBolTransporterCodes(string carrier, string? code) =>
        Assert.Equal(code, BolTransporterCodes.ForCarrier(carrier));

    [Fact]
    public void EveryMappedCodeIsOneBolDocuments() =>
        Assert.All(BolTransporterCodes.Carriers, carrier => Assert.Contains(BolTransporterCodes.ForCarrier(carrier)!, BolCodes.TransporterCodes));
}

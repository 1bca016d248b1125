using OrderFunctions.Connectors.Trendyol;
using OrderFunctions.Sandbox.Trendyol;

namespace OrderFunctions.Connectors.Tests.Trendyol;

public sealed class TrendyolProviderCodesTests
{
    [Theory]
    [InlineData("TrendyolExpress", "TEXMP")]
    [InlineData("Yurtici", "YKMP")]
    [InlineData("aras", "ARASMP")]
    [InlineData("DHL", "DHLMP")]
    [InlineData("DPD", "DPDMP")]
    [InlineData("PostNL", null)]
    public void CanonicalCarriersMapToTrendyolProviderCodes(string carrier, string? code) =>
        Assert.Equal(code, TrendyolProviderCodes.ForCarrier(carrier));

    [Fact]
    public void EveryMappedCodeIsOneTrendyolDocuments() =>
        Assert.All(TrendyolProviderCodes.Carriers, carrier => Assert.Contains(TrendyolProviderCodes.ForCarrier(carrier)!, TrendyolSimulatorState.ProviderCodes));

    [Theory]
    [InlineData("Trendyol Express Marketplace", "TrendyolExpress")]
    [InlineData("Yurtiçi Kargo Marketplace", "Yurtici")]
    [InlineData("Some New Cargo", null)]
    public void APackagesProviderNameMapsToTheCanonicalCarrier(string providerName, string? carrier) =>
        Assert.Equal(carrier, TrendyolProviderCodes.CarrierOfProviderName(providerName));
}

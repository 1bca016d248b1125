using OrderFunctions.Connectors.Bol;
using OrderFunctions.Connectors.Carriers;
using OrderFunctions.Connectors.Trendyol;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Functions.Workflow;

/// <summary>The workflow's <see cref="ICarrierCodeResolver"/> on the connectors' rules (DESIGN §4.5): the carrier the
/// shop names, through the integration's carrier map, else detected from the tracking code — then the marketplace's
/// own code for it.</summary>
internal sealed class ConnectorCarrierCodes : ICarrierCodeResolver
{
    public string? ResolveCarrierCode(Integration integration, string? shopCarrier, string? trackingCode)
    {
        ArgumentNullException.ThrowIfNull(integration);
        var marketplace = integration.Marketplace.Kind;
        var carrier = CarrierResolver.Resolve(shopCarrier, trackingCode, integration.Settings.CarrierMap, marketplace);
        if (!carrier.IsKnown)
        {
            return null;
        }

        return marketplace switch
        {
            MarketplaceCatalog.Trendyol => TrendyolProviderCodes.ForCarrier(carrier.Carrier),
            MarketplaceCatalog.Bol => BolTransporterCodes.ForCarrier(carrier.Carrier),
            _ => null,
        };
    }
}

using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.Workflow.Ports;

/// <summary>
/// The marketplace's own carrier code for a shipment (<see cref="ShipmentInfo.CarrierCode"/>), resolved as DESIGN §4.5
/// says: the carrier the shop names, through the integration's carrier map, else detected from the tracking code. The
/// rules and the code tables belong to the connectors; the workflow only asks. Pure: no I/O.
/// </summary>
public interface ICarrierCodeResolver
{
    /// <returns>The marketplace's code, or null when the carrier cannot be determined (the marketplace connector then
    /// decides: bol.com ships as OTHER, Trendyol refuses to send a tracking code without a provider).</returns>
    string? ResolveCarrierCode(Integration integration, string? shopCarrier, string? trackingCode);
}

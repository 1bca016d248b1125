using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Orders;

/// <summary>The tracking the shop holds for an order, reduced to the one identifier the integration sends
/// (<see cref="TrackingField"/>, seed 001) plus the shop's carrier name and link.</summary>
public sealed record ShipmentTracking(string Code, string? Carrier, string? Url)
{
    /// <summary>The newest entry that has the chosen identifier; null when none has it (then the hub waits for one).</summary>
    public static ShipmentTracking? Select(IReadOnlyList<ShopTracking> entries, TrackingField field)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var entry = entries[i];
            var code = field switch
            {
                TrackingField.ShipmentBarcode => entry.ShipmentBarcode,
                TrackingField.PackageNumber => entry.PackageNumber,
                _ => entry.TrackingNumber,
            };
            if (!string.IsNullOrWhiteSpace(code))
            {
                return new ShipmentTracking(code.Trim(), entry.Carrier, entry.TrackingUrl);
            }
        }

        return null;
    }
}

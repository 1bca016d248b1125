using System.Security.Cryptography;
using System.Text;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Polling;

/// <summary>
/// A shop order's memo key in the poll checkpoint: <c>{shop order id}#{fingerprint}</c>, the fingerprint a short hash
/// of the fields the workflow acts on (status and tracking). Two listings of one order with the same modified time but
/// a different status or tracking (a change within the same whole second, which Shopify's <c>updatedAt</c> cannot tell
/// apart) get different memos, so the second is not skipped as unchanged.
/// </summary>
internal static class ShopOrderFingerprint
{
    public static string Of(ShopOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var text = new StringBuilder(order.Status);
        foreach (var tracking in order.Tracking)
        {
            text.Append('\n').Append(tracking.TrackingNumber)
                .Append('\t').Append(tracking.Carrier)
                .Append('\t').Append(tracking.TrackingUrl)
                .Append('\t').Append(tracking.ShipmentBarcode)
                .Append('\t').Append(tracking.PackageNumber);
        }

        // Eight hex digits: only two states of the same order must differ; the memo stays short.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return order.ShopOrderId + "#" + Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }
}

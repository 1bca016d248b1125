using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.WooCommerce;

/// <summary>
/// Turns a WooCommerce order (REST v3 JSON, or a webhook body, which is the same JSON) into a <see cref="ShopOrder"/>:
/// the hub's order key from meta_data, the status as WooCommerce's slug (custom statuses included), the GMT
/// modification date, and tracking from the Shipment Tracking extension's meta (or its legacy keys). Bad data is a
/// <see cref="ConnectorException"/> naming the order and the field.
/// </summary>
public static partial class WooCommerceOrderReader
{
    public static ShopOrder Read(JsonElement order) => Read(PayloadReader.Root(order, WooCommerceShop.Platform));

    internal static ShopOrder Read(PayloadReader order)
    {
        var id = order.Required("id").AsInt64().ToString(CultureInfo.InvariantCulture);
        order = order.ForOrder(id);
        var status = order.Required("status");
        if (!StatusSlug().IsMatch(status.AsString()))
        {
            throw status.Error(status.Path, "is not a WooCommerce status (a lower-case slug such as 'processing')");
        }

        var meta = ReadMeta(order);
        return new ShopOrder
        {
            ShopOrderId = id,
            OrderKey = meta.TryGetValue(WooCommerceMeta.OrderKey, out var key) ? key.AsNonEmptyString() : null,
            Status = status.AsString(),
            ModifiedAt = order.Required("date_modified_gmt").AsDateTimeOffset(),
            Tracking = ReadTracking(meta),
        };
    }

    /// <summary>meta_data as key → value (the first entry of a key wins, as <c>get_meta($key, true)</c> does).</summary>
    private static Dictionary<string, PayloadReader> ReadMeta(PayloadReader order)
    {
        var meta = new Dictionary<string, PayloadReader>(StringComparer.Ordinal);
        foreach (var entry in order.Optional("meta_data")?.Items() ?? [])
        {
            if (entry.Optional("value") is { } value)
            {
                meta.TryAdd(entry.Required("key").AsString(), value);
            }
        }

        return meta;
    }

    private static List<ShopTracking> ReadTracking(Dictionary<string, PayloadReader> meta)
    {
        var tracking = new List<ShopTracking>();
        if (meta.TryGetValue(WooCommerceMeta.ShipmentTrackingItems, out var items) && !IsEmptyString(items))
        {
            foreach (var item in items.Items())
            {
                if (NonEmpty(item.Optional("tracking_number")) is { } number)
                {
                    tracking.Add(new ShopTracking(
                        number,
                        NonEmpty(item.Optional("custom_tracking_provider")) ?? NonEmpty(item.Optional("tracking_provider")),
                        NonEmpty(item.Optional("custom_tracking_link"))));
                }
            }
        }

        if (tracking.Count == 0 && NonEmpty(Find(meta, WooCommerceMeta.LegacyTrackingNumber)) is { } legacyNumber)
        {
            tracking.Add(new ShopTracking(
                legacyNumber,
                NonEmpty(Find(meta, WooCommerceMeta.LegacyCustomTrackingProvider)) ?? NonEmpty(Find(meta, WooCommerceMeta.LegacyTrackingProvider)),
                NonEmpty(Find(meta, WooCommerceMeta.LegacyCustomTrackingLink))));
        }

        return tracking;
    }

    private static PayloadReader? Find(Dictionary<string, PayloadReader> meta, string key) =>
        meta.TryGetValue(key, out var value) ? value : null;

    // WordPress stores "no items" as an empty string as often as an empty array.
    private static bool IsEmptyString(PayloadReader value) =>
        value.Element.ValueKind == JsonValueKind.String && value.AsString().Length == 0;

    private static string? NonEmpty(PayloadReader? value) =>
        value?.AsString().Trim() is { Length: > 0 } text ? text : null;

    /// <summary>WordPress post statuses are slugs of at most 20 characters (without WooCommerce's <c>wc-</c> prefix here).</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,19}$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusSlug();
}

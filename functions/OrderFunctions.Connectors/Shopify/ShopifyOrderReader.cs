using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Shopify;

/// <summary>
/// Turns an Admin GraphQL <c>Order</c> (the fields of <see cref="ShopifyOperations"/>) into a <see cref="ShopOrder"/>:
/// the gid as shop order id, <c>sourceIdentifier</c> as order key when it has the hub's key form, the folded status
/// (<see cref="ShopifyStatuses"/>), and the tracking of fulfilments that were not cancelled. Unknown enum values of
/// the pinned version are errors naming the order and the field, never guesses.
/// </summary>
internal static class ShopifyOrderReader
{
    private static readonly string[] DeadFulfillmentStatuses = ["CANCELLED", "ERROR", "FAILURE"];

    public static ShopOrder Read(PayloadReader order)
    {
        var id = order.Required("id").AsNonEmptyString();
        order = order.ForOrder(id);
        var sourceIdentifier = order.Optional("sourceIdentifier")?.AsString();
        var financial = order.Optional("displayFinancialStatus") is { } f ? Known(f, ShopifyStatuses.FinancialStatuses) : null;
        var fulfillment = Known(order.Required("displayFulfillmentStatus"), ShopifyStatuses.FulfillmentStatuses);
        // Any (valid) cancellation date means cancelled; reading it checks its type.
        var cancelled = order.Optional("cancelledAt")?.AsDateTimeOffset() is not null;
        return new ShopOrder
        {
            ShopOrderId = id,
            OrderKey = OrderKey.TryParse(sourceIdentifier, out _) ? sourceIdentifier : null,
            Status = ShopifyStatuses.Of(cancelled, order.Required("closed").AsBoolean(), financial, fulfillment),
            ModifiedAt = order.Required("updatedAt").AsDateTimeOffset(),
            Tracking = ReadTracking(order),
        };
    }

    private static List<ShopTracking> ReadTracking(PayloadReader order)
    {
        var tracking = new List<ShopTracking>();
        foreach (var fulfillment in order.Required("fulfillments").Items())
        {
            if (DeadFulfillmentStatuses.Contains(fulfillment.Required("status").AsString()))
            {
                continue;
            }

            foreach (var info in fulfillment.Required("trackingInfo").Items())
            {
                if (info.Optional("number")?.AsString().Trim() is { Length: > 0 } number)
                {
                    tracking.Add(new ShopTracking(number, NonEmpty(info.Optional("company")), NonEmpty(info.Optional("url"))));
                }
            }
        }

        return tracking;
    }

    private static string Known(PayloadReader value, IReadOnlySet<string> known)
    {
        var text = value.AsString();
        return known.Contains(text) ? text : throw value.Error(value.Path, $"has the value '{text}', which the pinned API version does not define");
    }

    private static string? NonEmpty(PayloadReader? value) =>
        value?.AsString().Trim() is { Length: > 0 } text ? text : null;
}

using System.Globalization;
using OrderFunctions.Sandbox.Shopify.GraphQL;

namespace OrderFunctions.Sandbox.Shopify;

/// <summary>Shopify's global ids: <c>gid://shopify/{Type}/{number}</c>.</summary>
internal static class Gid
{
    public static string Of(string type, long id) => $"gid://shopify/{type}/{id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The number in a gid of the given type; a malformed id is a field error, as Shopify reports it.</summary>
    public static long Parse(string? gid, string type)
    {
        var prefix = $"gid://shopify/{type}/";
        return gid is not null && gid.StartsWith(prefix, StringComparison.Ordinal)
            && long.TryParse(gid.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new GqlFieldException($"Invalid global id '{gid}'", "argumentLiteralsIncompatible");
    }
}

internal sealed class ShopifyVariant
{
    public required long Id { get; init; }

    public required long InventoryItemId { get; init; }

    public required string Sku { get; init; }

    public required string Title { get; init; }

    public decimal Price { get; init; }

    /// <summary>Available quantity per location id; empty = inventory not tracked.</summary>
    public Dictionary<long, int> Available { get; } = [];

    public bool Tracked => Available.Count > 0;
}

internal sealed class ShopifyLineItem
{
    public required long Id { get; init; }

    public ShopifyVariant? Variant { get; init; }

    public required string Title { get; init; }

    public string? Sku { get; init; }

    public required int Quantity { get; init; }

    public decimal Price { get; init; }

    public int FulfilledQuantity { get; set; }
}

internal sealed record ShopifyTrackingInfo(string? Company, string? Number, string? Url);

internal sealed class ShopifyFulfillment
{
    public required long Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>SUCCESS, or CANCELLED when a fulfilment was cancelled.</summary>
    public string Status { get; set; } = "SUCCESS";

    public List<ShopifyTrackingInfo> TrackingInfo { get; } = [];
}

/// <summary>A fulfilment order (one per order here, at the shop's location) and what is left to ship.</summary>
internal sealed class ShopifyFulfillmentOrder
{
    public required long Id { get; init; }

    /// <summary>OPEN, IN_PROGRESS, ON_HOLD, CLOSED or CANCELLED.</summary>
    public string Status { get; set; } = "OPEN";
}

internal sealed class ShopifyOrder
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public string? SourceIdentifier { get; init; }

    public string? SourceName { get; init; }

    public List<string> Tags { get; init; } = [];

    public List<KeyValuePair<string, string>> CustomAttributes { get; init; } = [];

    public string? Email { get; init; }

    public string? Note { get; init; }

    public required string Currency { get; init; }

    public required List<ShopifyLineItem> LineItems { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>The financial status orderCreate was given (PAID, PENDING, …); REFUNDED after a refund.</summary>
    public required string FinancialStatus { get; set; }

    public bool InventoryTaken { get; set; }

    public List<ShopifyFulfillment> Fulfillments { get; } = [];

    public required ShopifyFulfillmentOrder FulfillmentOrder { get; init; }

    /// <summary>Shopify's <c>displayFulfillmentStatus</c>, derived from what has shipped.</summary>
    public string DisplayFulfillmentStatus
    {
        get
        {
            if (FulfillmentOrder.Status == "ON_HOLD")
            {
                return "ON_HOLD";
            }

            var shipped = LineItems.Sum(l => l.FulfilledQuantity);
            return shipped == 0 ? "UNFULFILLED"
                : shipped >= LineItems.Sum(l => l.Quantity) ? "FULFILLED"
                : "PARTIALLY_FULFILLED";
        }
    }

    public string Gid => Sandbox.Shopify.Gid.Of("Order", Id);
}

/// <summary>An asynchronous job (orderCancel's): done once <see cref="DueAt"/> has passed.</summary>
internal sealed class ShopifyJob
{
    public required long Id { get; init; }

    /// <summary>The order the job works on.</summary>
    public required long OrderId { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public required Action Complete { get; init; }

    public bool Done { get; set; }
}

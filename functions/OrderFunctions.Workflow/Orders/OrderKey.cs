namespace OrderFunctions.Workflow.Orders;

/// <summary>
/// The hub's identity for an order: integration id + the marketplace's order id, as one string
/// <c>{integrationId}:{marketplaceOrderId}</c>. It is the table key of the order (so insert-if-absent dedupes
/// a re-polled order) and it is stored in the shop with the order (so a retried create finds the first one).
/// Characters the Table service forbids in keys (<c>/ \ # ?</c>, control characters) and <c>%</c> are
/// percent-encoded in <see cref="Value"/>.
/// </summary>
public readonly record struct OrderKey
{
    private OrderKey(string integrationId, string marketplaceOrderId, string value)
    {
        IntegrationId = integrationId;
        MarketplaceOrderId = marketplaceOrderId;
        Value = value;
    }

    public string IntegrationId { get; }

    public string MarketplaceOrderId { get; }

    public string Value { get; }

    public static OrderKey Create(string integrationId, string marketplaceOrderId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(integrationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(marketplaceOrderId);
        if (integrationId.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("An integration id cannot contain ':'.", nameof(integrationId));
        }

        return new OrderKey(integrationId, marketplaceOrderId, $"{Encode(integrationId)}:{Encode(marketplaceOrderId)}");
    }

    public static bool TryParse(string? value, out OrderKey key)
    {
        key = default;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            return false;
        }

        key = new OrderKey(Uri.UnescapeDataString(value[..colon]), Uri.UnescapeDataString(value[(colon + 1)..]), value);
        return true;
    }

    public static OrderKey Parse(string value) =>
        TryParse(value, out var key) ? key : throw new FormatException($"'{value}' is not an order key of the form '{{integrationId}}:{{marketplaceOrderId}}'.");

    public override string ToString() => Value;

    private static string Encode(string part) => TableKeys.Escape(part);
}

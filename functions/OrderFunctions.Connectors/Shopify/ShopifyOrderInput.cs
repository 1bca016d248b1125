using System.Globalization;
using System.Text.RegularExpressions;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Shopify;

/// <summary>
/// The variables of <c>orderCreate</c> for a marketplace order (docs/connectors/shopify.md): lines linked to the shop's
/// variants by SKU at the marketplace's prices, paid (the marketplace collected the money), <c>sourceIdentifier</c> =
/// the hub's order key (what a retried create finds), <c>sourceName</c>, tags and custom attributes naming the
/// marketplace order, the marketplace's placement time, and the inventory behaviour from
/// <see cref="ShopOrderDraft.DecrementStock"/>.
/// </summary>
internal static partial class ShopifyOrderInput
{
    /// <summary>The <c>sourceName</c> of every order the hub creates.</summary>
    public const string SourceName = "orderfunctions";

    public static object Build(ShopOrderDraft draft, IReadOnlyDictionary<string, string> variantIdsBySku)
    {
        var source = draft.Source;
        var marketplaceOrderId = OrderKey.Parse(draft.OrderKey).MarketplaceOrderId;
        var lines = source.Lines.Select((line, index) => new
        {
            variantId = variantIdsBySku.TryGetValue(line.Sku, out var variantId)
                ? variantId
                : throw new ConnectorException(ShopifyShop.Platform, $"shopify order {draft.OrderKey}: no variant in the shop has SKU '{line.Sku}' (marketplace line {line.LineId}).", isTransient: false, orderId: draft.OrderKey, field: $"lineItems[{index}].sku"),
            quantity = line.Quantity,
            priceSet = new { shopMoney = Money(line.UnitPrice, source.Currency) },
        }).ToList();

        var phone = E164(source.Customer.Phone);
        var attributes = new List<object>
        {
            new { key = "Marketplace", value = draft.Marketplace },
            new { key = "Marketplace order", value = marketplaceOrderId },
        };
        if (phone is null && !string.IsNullOrWhiteSpace(source.Customer.Phone))
        {
            // Shopify refuses the whole order over a phone number it cannot parse; keep it readable instead.
            attributes.Add(new { key = "Phone", value = source.Customer.Phone });
        }

        return new
        {
            order = new
            {
                lineItems = lines,
                currency = source.Currency,
                email = source.Customer.Email,
                phone,
                shippingAddress = Address(source.ShippingAddress),
                billingAddress = Address(source.BillingAddress ?? source.ShippingAddress),
                financialStatus = "PAID",
                processedAt = ShopifyGraphQLClient.IsoUtc(source.PlacedAt),
                sourceIdentifier = draft.OrderKey,
                sourceName = SourceName,
                tags = new[] { SourceName, draft.Marketplace, $"{draft.Marketplace}-{marketplaceOrderId}" },
                customAttributes = attributes,
            },
            options = new
            {
                // The sale already happened on the marketplace: stock goes down even if that takes it below zero.
                inventoryBehaviour = draft.DecrementStock ? "DECREMENT_IGNORING_POLICY" : "BYPASS",
                sendReceipt = false,
                sendFulfillmentReceipt = false,
            },
        };
    }

    private static object Address(PostalAddress address) => new
    {
        firstName = address.FirstName,
        lastName = address.LastName,
        company = address.Company,
        address1 = address.Address1,
        address2 = address.Address2,
        city = address.City,
        zip = address.PostalCode,
        countryCode = address.CountryCode.ToUpperInvariant(),
        phone = E164(address.Phone),
    };

    private static object Money(decimal amount, string currency) =>
        new { amount = amount.ToString("0.00", CultureInfo.InvariantCulture), currencyCode = currency.ToUpperInvariant() };

    /// <summary>The number in E.164 form (<c>+905551112233</c>), or null when it is not recognisably one.</summary>
    private static string? E164(string? phone)
    {
        var compact = phone is null ? "" : string.Concat(phone.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '(' or ')')));
        return E164Pattern().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164Pattern();
}

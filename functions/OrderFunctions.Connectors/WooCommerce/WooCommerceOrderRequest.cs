using System.Globalization;
using System.Text.Json.Serialization;
using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.WooCommerce;

/// <summary>
/// The body of <c>POST /orders</c> for a marketplace order (reference section C, docs/connectors/woocommerce.md):
/// addresses, lines linked to the shop's products by SKU at the marketplace's prices, the order key and marketplace ids
/// in meta_data, the marketplace order id in the shipping line's title (what makes the order findable by search), and
/// <c>set_paid</c> from <see cref="ShopOrderDraft.DecrementStock"/>.
/// </summary>
internal static class WooCommerceOrderRequest
{
    public delegate Task<IReadOnlyDictionary<string, WooCommerceProduct>> ProductLookup(IEnumerable<string> skus, CancellationToken cancellationToken);

    public static async Task<Body> BuildAsync(ShopOrderDraft draft, ProductLookup findProducts, CancellationToken cancellationToken)
    {
        var source = draft.Source;
        var products = await findProducts(source.Lines.Select(l => l.Sku), cancellationToken);
        var lines = source.Lines.Select((line, index) =>
        {
            if (!products.TryGetValue(line.Sku, out var product))
            {
                throw new ConnectorException(WooCommerceShop.Platform, $"woocommerce order {draft.OrderKey}: no product or variation in the shop has SKU '{line.Sku}' (marketplace line {line.LineId}).", isTransient: false, orderId: draft.OrderKey, field: $"line_items[{index}].sku");
            }

            var total = Money(line.UnitPrice * line.Quantity);
            return new LineItem(
                product.ParentId == 0 ? product.Id : product.ParentId,
                product.ParentId == 0 ? null : product.Id,
                line.Quantity,
                total,
                total);
        }).ToList();

        var marketplaceOrderId = OrderKey.Parse(draft.OrderKey).MarketplaceOrderId;
        var billing = source.BillingAddress ?? source.ShippingAddress;
        return new Body(
            draft.Status,
            SetPaid: draft.DecrementStock,
            source.Currency,
            PaymentMethod: draft.Marketplace,
            PaymentMethodTitle: draft.Marketplace,
            TransactionId: marketplaceOrderId,
            Address.Of(billing, source.Customer.Email, billing.Phone ?? source.Customer.Phone),
            Address.Of(source.ShippingAddress, email: null, source.ShippingAddress.Phone),
            lines,
            [new ShippingLine("orderfunctions", $"{draft.Marketplace} order {marketplaceOrderId}", Money(0m))],
            [
                new Meta(WooCommerceMeta.OrderKey, draft.OrderKey),
                new Meta(WooCommerceMeta.Marketplace, draft.Marketplace),
                new Meta(WooCommerceMeta.MarketplaceOrderId, marketplaceOrderId),
            ]);
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public sealed record Body(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("set_paid")] bool SetPaid,
        [property: JsonPropertyName("currency")] string Currency,
        [property: JsonPropertyName("payment_method")] string PaymentMethod,
        [property: JsonPropertyName("payment_method_title")] string PaymentMethodTitle,
        [property: JsonPropertyName("transaction_id")] string TransactionId,
        [property: JsonPropertyName("billing")] Address Billing,
        [property: JsonPropertyName("shipping")] Address Shipping,
        [property: JsonPropertyName("line_items")] IReadOnlyList<LineItem> LineItems,
        [property: JsonPropertyName("shipping_lines")] IReadOnlyList<ShippingLine> ShippingLines,
        [property: JsonPropertyName("meta_data")] IReadOnlyList<Meta> MetaData);

    public sealed record Address(
        [property: JsonPropertyName("first_name")] string FirstName,
        [property: JsonPropertyName("last_name")] string LastName,
        [property: JsonPropertyName("company")] string? Company,
        [property: JsonPropertyName("address_1")] string Address1,
        [property: JsonPropertyName("address_2")] string? Address2,
        [property: JsonPropertyName("city")] string City,
        [property: JsonPropertyName("postcode")] string? Postcode,
        [property: JsonPropertyName("country")] string Country,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("phone")] string? Phone)
    {
        public static Address Of(PostalAddress address, string? email, string? phone) => new(
            address.FirstName, address.LastName, address.Company, address.Address1, address.Address2, address.City,
            address.PostalCode, address.CountryCode, email, phone);
    }

    public sealed record LineItem(
        [property: JsonPropertyName("product_id")] long ProductId,
        [property: JsonPropertyName("variation_id")] long? VariationId,
        [property: JsonPropertyName("quantity")] int Quantity,
        [property: JsonPropertyName("subtotal")] string Subtotal,
        [property: JsonPropertyName("total")] string Total);

    public sealed record ShippingLine(
        [property: JsonPropertyName("method_id")] string MethodId,
        [property: JsonPropertyName("method_title")] string MethodTitle,
        [property: JsonPropertyName("total")] string Total);

    public sealed record Meta(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("value")] string Value);
}

using OrderFunctions.Workflow.Orders;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Tests.Shops;

/// <summary>Test data: marketplace orders and the drafts the workflow would hand a shop.</summary>
internal static class ShopOrderDrafts
{
    public static ShopOrderDraft For(string marketplaceOrderId, string status = "processing", bool decrementStock = true, params (string Sku, int Quantity)[] lines) =>
        new()
        {
            OrderKey = OrderKey.Create("demo-trendyol", marketplaceOrderId).Value,
            Marketplace = "trendyol",
            Status = status,
            DecrementStock = decrementStock,
            Source = Order(marketplaceOrderId, lines.Length == 0 ? [("SKU-1", 2)] : lines),
        };

    public static MarketplaceOrder Order(string orderId, IReadOnlyList<(string Sku, int Quantity)> lines) => new()
    {
        OrderId = orderId,
        Status = "Created",
        PlacedAt = new DateTimeOffset(2026, 7, 10, 9, 30, 0, TimeSpan.Zero),
        LastChangedAt = new DateTimeOffset(2026, 7, 10, 9, 30, 0, TimeSpan.Zero),
        Currency = "TRY",
        TotalPrice = lines.Sum(l => 12.99m * l.Quantity),
        Customer = new Customer("Ayse", "Yilmaz", "ayse@trendyolmail.com", "+905551112233"),
        ShippingAddress = new PostalAddress
        {
            FirstName = "Ayse",
            LastName = "Yilmaz",
            Address1 = "Halaskargazi Cd. 1",
            City = "Istanbul",
            PostalCode = "34371",
            CountryCode = "TR",
        },
        Lines = [.. lines.Select((l, i) => new MarketplaceOrderLine
        {
            LineId = (56040534 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Sku = l.Sku,
            Barcode = "869" + l.Sku,
            Title = "Product " + l.Sku,
            Quantity = l.Quantity,
            UnitPrice = 12.99m,
        })],
    };
}

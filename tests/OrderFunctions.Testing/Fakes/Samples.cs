using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Testing.Fakes;

/// <summary>Test data: marketplace orders, shop orders and integrations with sensible defaults, each overridable.</summary>
public static class Samples
{
    /// <summary>A fixed instant for tests that pass time explicitly.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    public static MarketplaceOrder MarketplaceOrder(
        string orderId = "1001",
        string status = "Created",
        DateTimeOffset? changedAt = null,
        bool acknowledged = false,
        string? trackingCode = null) => new()
        {
            OrderId = orderId,
            Status = status,
            PlacedAt = (changedAt ?? T0) - TimeSpan.FromHours(1),
            LastChangedAt = changedAt ?? T0,
            Currency = "EUR",
            TotalPrice = 25.98m,
            Customer = new Customer("Ayse", "Yilmaz", "ayse@example.test", null),
            ShippingAddress = new PostalAddress
            {
                FirstName = "Ayse",
                LastName = "Yilmaz",
                Address1 = "Main Street 1",
                City = "Amsterdam",
                PostalCode = "1011AA",
                CountryCode = "NL",
            },
            Lines =
            [
                new MarketplaceOrderLine { LineId = orderId + "-L1", Sku = "SKU-1", Title = "Mug", Quantity = 2, UnitPrice = 12.99m, PackageId = "P-" + orderId },
            ],
            PackageIds = ["P-" + orderId],
            Acknowledged = acknowledged,
            TrackingCode = trackingCode,
        };

    public static ShopOrder ShopOrder(
        string shopOrderId = "S1",
        string status = "processing",
        DateTimeOffset? modifiedAt = null,
        string? orderKey = null,
        string? trackingNumber = null,
        string? carrier = "PostNL") => new()
        {
            ShopOrderId = shopOrderId,
            OrderKey = orderKey,
            Status = status,
            ModifiedAt = modifiedAt ?? T0,
            Tracking = trackingNumber is null ? [] : [new ShopTracking(trackingNumber, carrier, null)],
        };

    public static Integration Integration(string id = "ty-woo", IntegrationSettings? settings = null, string marketplace = MarketplaceCatalog.Trendyol) => new()
    {
        Id = id,
        DisplayName = "Trendyol to WooCommerce",
        Marketplace = new ConnectorAccount { Kind = marketplace, BaseUrl = new Uri("http://127.0.0.1:1/marketplace"), AccountId = "42", SecretName = "marketplace-secret" },
        Shop = new ConnectorAccount { Kind = "woocommerce", BaseUrl = new Uri("http://127.0.0.1:1/shop"), SecretName = "shop-secret" },
        Settings = settings ?? new IntegrationSettings(),
    };

    /// <summary>The default Trendyol map, with <c>Repack</c> left unmapped and <c>UnPacked</c> switched off, so every
    /// kind of hold can be reached.</summary>
    public static StatusMap TrendyolMapWithGaps()
    {
        var map = DefaultStatusMaps.For(MarketplaceCatalog.TrendyolDescriptor);
        var entries = map.Entries
            .Where(e => e.MarketplaceStatus != "Repack")
            .Select(e => e.MarketplaceStatus == "UnPacked" ? e with { Active = false } : e)
            .ToList();
        return map with { Entries = entries };
    }
}

using OrderFunctions.Connectors.Shopify;
using OrderFunctions.Workflow.Shops;

namespace OrderFunctions.Connectors.Tests.Shopify;

/// <summary>The workflow refuses a status map naming a Shopify status the connector cannot set (ShopCatalog); the two
/// lists live in different layers (Workflow knows no connector), so this keeps them equal.</summary>
public sealed class ShopifySettableStatusesTests
{
    [Fact]
    public void TheWorkflowsListOfSettableShopifyStatusesIsTheConnectors()
    {
        Assert.Equal(ShopifyStatuses.Settable.Order(StringComparer.Ordinal), ShopCatalog.ShopifySettableStatuses.Order(StringComparer.Ordinal));
        Assert.Equal(ShopCatalog.Shopify, ShopifyShop.Platform);
    }
}

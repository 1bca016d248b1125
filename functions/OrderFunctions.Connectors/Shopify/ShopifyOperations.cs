namespace OrderFunctions.Connectors.Shopify;

/// <summary>
/// The GraphQL documents the connector sends (Admin API, reference section D). Page sizes keep every query well under
/// Shopify's single-query limit of 1000 cost points (connections cost 2 + first × the cost of one item).
/// </summary>
internal static class ShopifyOperations
{
    /// <summary>Orders per page when listing changes or searching.</summary>
    public const int OrdersPerPage = 25;

    /// <summary>SKUs per variant lookup.</summary>
    public const int SkusPerQuery = 25;

    /// <summary>What the connector reads of an order: identity, the status fields, fulfilments with tracking.</summary>
    private const string OrderFields = """
        id
        sourceIdentifier
        updatedAt
        cancelledAt
        closed
        displayFinancialStatus
        displayFulfillmentStatus
        fulfillments(first: 5) { status trackingInfo(first: 3) { company number url } }
        """;

    public static readonly string FindByOrderKey = $$"""
        query FindByOrderKey($query: String!) {
          orders(first: {{OrdersPerPage}}, query: $query, sortKey: ID) { nodes { {{OrderFields}} } }
        }
        """;

    public const string GetOrder = $$"""
        query GetOrder($id: ID!) { order(id: $id) { {{OrderFields}} } }
        """;

    public static readonly string ChangedOrders = $$"""
        query ChangedOrders($query: String!, $after: String) {
          orders(first: {{OrdersPerPage}}, after: $after, query: $query, sortKey: UPDATED_AT) {
            nodes { {{OrderFields}} }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    public static readonly string VariantsBySku = $$"""
        query VariantsBySku($query: String!) {
          productVariants(first: {{SkusPerQuery}}, query: $query) {
            nodes {
              id
              sku
              inventoryItem { tracked inventoryLevels(first: 10) { nodes { quantities(names: ["available"]) { name quantity } } } }
            }
          }
        }
        """;

    public const string OrderCreate = $$"""
        mutation OrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
          orderCreate(order: $order, options: $options) {
            order { {{OrderFields}} }
            userErrors { field message code }
          }
        }
        """;

    public const string OrderCancel = """
        mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $staffNote: String) {
          orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: false, staffNote: $staffNote,
                      refundMethod: { originalPaymentMethodsRefund: false }) {
            job { id done }
            orderCancelUserErrors { field message code }
          }
        }
        """;

    public const string Job = """
        query Job($id: ID!) { job(id: $id) { id done } }
        """;

    public const string FulfillmentOrders = """
        query FulfillmentOrders($id: ID!) { order(id: $id) { fulfillmentOrders(first: 10) { nodes { id status } } } }
        """;

    public const string FulfillmentCreate = """
        mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
          fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } }
        }
        """;

    public const string OrderClose = """
        mutation OrderClose($input: OrderCloseInput!) { orderClose(input: $input) { order { id } userErrors { field message } } }
        """;

    public const string OrderOpen = """
        mutation OrderOpen($input: OrderOpenInput!) { orderOpen(input: $input) { order { id } userErrors { field message } } }
        """;
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using OrderFunctions.Sandbox.Shopify.GraphQL;

namespace OrderFunctions.Sandbox.Shopify;

/// <summary>One page of a connection: nodes with their cursors, and page info.</summary>
internal sealed record Connection(IReadOnlyList<object> Nodes, IReadOnlyList<string> Cursors, bool HasNextPage, bool HasPreviousPage);

internal sealed record Edge(object Node, string Cursor);

/// <summary>
/// The part of the Admin GraphQL API the reference lists (section D), as types with resolvers over the
/// <see cref="ShopifyStore"/>: <c>orders</c>/<c>order</c> with fulfilments and tracking, <c>productVariants</c> with
/// inventory, <c>job</c>; mutations <c>orderCreate</c>, <c>orderCancel</c>, <c>fulfillmentCreate</c>,
/// <c>orderClose</c>, <c>orderOpen</c>. Field and argument names and types follow shopify.dev.
/// </summary>
internal static class ShopifyAdminSchema
{
    public static GqlSchema Build(ShopifyStore store, ShopifySimulator simulator)
    {
        var schema = new GqlSchema();
        DefineEnumsAndInputs(schema);
        DefineObjects(schema, simulator);
        DefineRoots(schema, store, simulator);
        return schema;
    }

    private static void DefineEnumsAndInputs(GqlSchema schema)
    {
        schema.Enum("CurrencyCode", v => v.Length == 3 && v.All(char.IsAsciiLetterUpper));
        schema.Enum("CountryCode", v => v.Length == 2 && v.All(char.IsAsciiLetterUpper));
        schema.Enum("OrderSortKeys", "CREATED_AT", "CUSTOMER_NAME", "FINANCIAL_STATUS", "FULFILLMENT_STATUS", "ID", "ORDER_NUMBER", "PROCESSED_AT", "RELEVANCE", "TOTAL_PRICE", "UPDATED_AT");
        schema.Enum("OrderCancelReason", "CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF");
        schema.Enum("OrderCreateFinancialStatus", "AUTHORIZED", "EXPIRED", "PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "PENDING", "REFUNDED", "VOIDED");
        schema.Enum("OrderCreateFulfillmentStatus", "FULFILLED", "PARTIAL", "RESTOCKED");
        schema.Enum("OrderCreateInputsInventoryBehavior", "BYPASS", "DECREMENT_IGNORING_POLICY", "DECREMENT_OBEYING_POLICY");
        schema.Enum("OrderDisplayFinancialStatus", "AUTHORIZED", "EXPIRED", "PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "PENDING", "REFUNDED", "VOIDED");
        schema.Enum("OrderDisplayFulfillmentStatus", "FULFILLED", "IN_PROGRESS", "ON_HOLD", "OPEN", "PARTIALLY_FULFILLED", "PENDING_FULFILLMENT", "REQUEST_DECLINED", "RESTOCKED", "SCHEDULED", "UNFULFILLED");
        schema.Enum("FulfillmentStatus", "CANCELLED", "ERROR", "FAILURE", "SUCCESS", "OPEN", "PENDING");
        schema.Enum("FulfillmentOrderStatus", "CANCELLED", "CLOSED", "INCOMPLETE", "IN_PROGRESS", "ON_HOLD", "OPEN", "SCHEDULED");

        schema.Input("MoneyInput", ("amount", "Decimal!"), ("currencyCode", "CurrencyCode!"));
        schema.Input("MoneyBagInput", ("shopMoney", "MoneyInput!"), ("presentmentMoney", "MoneyInput"));
        schema.Input("AttributeInput", ("key", "String!"), ("value", "String!"));
        schema.Input("MailingAddressInput",
            ("address1", "String"), ("address2", "String"), ("city", "String"), ("company", "String"), ("countryCode", "CountryCode"),
            ("firstName", "String"), ("lastName", "String"), ("phone", "String"), ("provinceCode", "String"), ("zip", "String"));
        schema.Input("OrderCreateLineItemInput",
            ("variantId", "ID"), ("quantity", "Int!"), ("priceSet", "MoneyBagInput"), ("title", "String"), ("sku", "String"),
            ("requiresShipping", "Boolean"), ("taxable", "Boolean"), ("giftCard", "Boolean"), ("vendor", "String"), ("properties", "[JSON!]"),
            ("taxLines", "[JSON!]"), ("weight", "JSON"), ("productId", "ID"), ("fulfillmentService", "String"));
        schema.Input("OrderCreateOrderInput",
            ("lineItems", "[OrderCreateLineItemInput!]"), ("email", "String"), ("phone", "String"),
            ("shippingAddress", "MailingAddressInput"), ("billingAddress", "MailingAddressInput"),
            ("financialStatus", "OrderCreateFinancialStatus"), ("fulfillmentStatus", "OrderCreateFulfillmentStatus"),
            ("currency", "CurrencyCode"), ("presentmentCurrency", "CurrencyCode"), ("processedAt", "DateTime"), ("closedAt", "DateTime"),
            ("name", "String"), ("note", "String"), ("tags", "[String!]"), ("sourceName", "String"), ("sourceIdentifier", "String"),
            ("sourceUrl", "URL"), ("customAttributes", "[AttributeInput!]"), ("metafields", "[JSON!]"), ("transactions", "[JSON!]"),
            ("shippingLines", "[JSON!]"), ("taxLines", "[JSON!]"), ("taxesIncluded", "Boolean"), ("discountCode", "JSON"),
            ("customer", "JSON"), ("fulfillment", "JSON"), ("buyerAcceptsMarketing", "Boolean"), ("poNumber", "String"), ("test", "Boolean"));
        schema.Input("OrderCreateOptionsInput", ("inventoryBehaviour", "OrderCreateInputsInventoryBehavior"), ("sendReceipt", "Boolean"), ("sendFulfillmentReceipt", "Boolean"));
        schema.Input("OrderCancelRefundMethodInput", ("originalPaymentMethodsRefund", "Boolean"), ("storeCreditRefund", "JSON"));
        schema.Input("FulfillmentOrderLineItemInput", ("id", "ID!"), ("quantity", "Int!"));
        schema.Input("FulfillmentOrderLineItemsInput", ("fulfillmentOrderId", "ID!"), ("fulfillmentOrderLineItems", "[FulfillmentOrderLineItemInput!]"));
        schema.Input("FulfillmentTrackingInput", ("company", "String"), ("number", "String"), ("numbers", "[String!]"), ("url", "URL"), ("urls", "[URL!]"));
        schema.Input("FulfillmentInput",
            ("lineItemsByFulfillmentOrder", "[FulfillmentOrderLineItemsInput!]!"), ("notifyCustomer", "Boolean"),
            ("originAddress", "JSON"), ("trackingInfo", "FulfillmentTrackingInput"));
        schema.Input("OrderCloseInput", ("id", "ID!"));
        schema.Input("OrderOpenInput", ("id", "ID!"));
    }

    private static void DefineObjects(GqlSchema schema, ShopifySimulator simulator)
    {
        schema.Object("PageInfo")
            .Field<Connection>("hasNextPage", "Boolean!", c => c.HasNextPage)
            .Field<Connection>("hasPreviousPage", "Boolean!", c => c.HasPreviousPage)
            .Field<Connection>("startCursor", "String", c => c.Cursors.FirstOrDefault())
            .Field<Connection>("endCursor", "String", c => c.Cursors.LastOrDefault());

        schema.Object("Order")
            .Field<ShopifyOrder>("id", "ID!", o => o.Gid)
            .Field<ShopifyOrder>("legacyResourceId", "UnsignedInt64!", o => o.Id.ToString(CultureInfo.InvariantCulture))
            .Field<ShopifyOrder>("name", "String!", o => o.Name)
            .Field<ShopifyOrder>("sourceIdentifier", "String", o => o.SourceIdentifier)
            .Field<ShopifyOrder>("sourceName", "String", o => o.SourceName)
            .Field<ShopifyOrder>("tags", "[String!]!", o => o.Tags)
            .Field<ShopifyOrder>("email", "String", o => o.Email)
            .Field<ShopifyOrder>("note", "String", o => o.Note)
            .Field<ShopifyOrder>("currencyCode", "CurrencyCode!", o => o.Currency)
            .Field<ShopifyOrder>("createdAt", "DateTime!", o => o.CreatedAt)
            .Field<ShopifyOrder>("updatedAt", "DateTime!", o => o.UpdatedAt)
            .Field<ShopifyOrder>("processedAt", "DateTime!", o => o.CreatedAt)
            .Field<ShopifyOrder>("closed", "Boolean!", o => o.ClosedAt is not null)
            .Field<ShopifyOrder>("closedAt", "DateTime", o => o.ClosedAt)
            .Field<ShopifyOrder>("cancelledAt", "DateTime", o => o.CancelledAt)
            .Field<ShopifyOrder>("cancelReason", "OrderCancelReason", o => o.CancelReason)
            .Field<ShopifyOrder>("displayFinancialStatus", "OrderDisplayFinancialStatus", o => o.FinancialStatus)
            .Field<ShopifyOrder>("displayFulfillmentStatus", "OrderDisplayFulfillmentStatus!", o => o.DisplayFulfillmentStatus)
            .Field<ShopifyOrder>("customAttributes", "[Attribute!]!", o => o.CustomAttributes.Cast<object>().ToList())
            .Field("fulfillments", "[Fulfillment!]!", (o, a) => ((ShopifyOrder)o).Fulfillments.Take(a.Int("first") ?? int.MaxValue).ToList(), ("first", "Int"))
            .Field("fulfillmentOrders", "FulfillmentOrderConnection!", (o, a) => Page([((ShopifyOrder)o).FulfillmentOrder], a, f => (0, ((ShopifyFulfillmentOrder)f).Id), simulator), ("first", "Int"), ("after", "String"), ("last", "Int"), ("before", "String"))
            .Field("lineItems", "LineItemConnection!", (o, a) => Page(((ShopifyOrder)o).LineItems, a, l => (0, ((ShopifyLineItem)l).Id), simulator), ("first", "Int"), ("after", "String"), ("last", "Int"), ("before", "String"));

        schema.Object("Attribute")
            .Field<KeyValuePair<string, string>>("key", "String!", a => a.Key)
            .Field<KeyValuePair<string, string>>("value", "String", a => a.Value);

        schema.Object("LineItem")
            .Field<ShopifyLineItem>("id", "ID!", l => Gid.Of("LineItem", l.Id))
            .Field<ShopifyLineItem>("title", "String!", l => l.Title)
            .Field<ShopifyLineItem>("sku", "String", l => l.Sku)
            .Field<ShopifyLineItem>("quantity", "Int!", l => l.Quantity)
            .Field<ShopifyLineItem>("variant", "ProductVariant", l => l.Variant);

        schema.Object("Fulfillment")
            .Field<ShopifyFulfillment>("id", "ID!", f => Gid.Of("Fulfillment", f.Id))
            .Field<ShopifyFulfillment>("status", "FulfillmentStatus!", f => f.Status)
            .Field<ShopifyFulfillment>("createdAt", "DateTime!", f => f.CreatedAt)
            .Field("trackingInfo", "[FulfillmentTrackingInfo!]!", (f, a) => ((ShopifyFulfillment)f).TrackingInfo.Take(a.Int("first") ?? int.MaxValue).ToList(), ("first", "Int"));

        schema.Object("FulfillmentTrackingInfo")
            .Field<ShopifyTrackingInfo>("company", "String", t => t.Company)
            .Field<ShopifyTrackingInfo>("number", "String", t => t.Number)
            .Field<ShopifyTrackingInfo>("url", "URL", t => t.Url);

        schema.Object("FulfillmentOrder")
            .Field<ShopifyFulfillmentOrder>("id", "ID!", f => Gid.Of("FulfillmentOrder", f.Id))
            .Field<ShopifyFulfillmentOrder>("status", "FulfillmentOrderStatus!", f => f.Status);

        schema.Object("ProductVariant")
            .Field<ShopifyVariant>("id", "ID!", v => Gid.Of("ProductVariant", v.Id))
            .Field<ShopifyVariant>("sku", "String", v => v.Sku)
            .Field<ShopifyVariant>("title", "String!", v => v.Title)
            .Field<ShopifyVariant>("inventoryQuantity", "Int", v => v.Tracked ? v.Available.Values.Sum() : null)
            .Field<ShopifyVariant>("inventoryItem", "InventoryItem!", v => v);

        // The inventory item is the variant's other face here (one item per variant, as in Shopify).
        schema.Object("InventoryItem")
            .Field<ShopifyVariant>("id", "ID!", v => Gid.Of("InventoryItem", v.InventoryItemId))
            .Field<ShopifyVariant>("sku", "String", v => v.Sku)
            .Field<ShopifyVariant>("tracked", "Boolean!", v => v.Tracked)
            .Field("inventoryLevels", "InventoryLevelConnection!", (v, a) => Page([.. ((ShopifyVariant)v).Available.Select(l => (object)new InventoryLevel((ShopifyVariant)v, l.Key))], a, l => (0, ((InventoryLevel)l).LocationId), simulator), ("first", "Int"), ("after", "String"), ("last", "Int"), ("before", "String"));

        schema.Object("InventoryLevel")
            .Field<InventoryLevel>("id", "ID!", l => $"gid://shopify/InventoryLevel/{l.Variant.InventoryItemId}?inventory_item_id={l.Variant.InventoryItemId}")
            .Field<InventoryLevel>("location", "Location!", l => l.LocationId)
            .Field("quantities", "[InventoryQuantity!]!", (l, a) => ((InventoryLevel)l).Quantities(a["names"]!.AsArray().Select(n => (string)n!)), ("names", "[String!]!"));

        schema.Object("InventoryQuantity")
            .Field<KeyValuePair<string, int>>("name", "String!", q => q.Key)
            .Field<KeyValuePair<string, int>>("quantity", "Int!", q => q.Value);

        schema.Object("Location")
            .Field<long>("id", "ID!", id => Gid.Of("Location", id))
            .Field<long>("name", "String!", _ => "Sandbox warehouse");

        schema.Object("Job")
            .Field<ShopifyJob>("id", "ID!", j => Gid.Of("Job", j.Id))
            .Field<ShopifyJob>("done", "Boolean!", j => j.Done);

        schema.Object("UserError")
            .Field<ShopifyUserError>("field", "[String!]", e => e.Field)
            .Field<ShopifyUserError>("message", "String!", e => e.Message);
        foreach (var name in new[] { "OrderCreateUserError", "OrderCancelUserError" })
        {
            schema.Object(name)
                .Field<ShopifyUserError>("field", "[String!]", e => e.Field)
                .Field<ShopifyUserError>("message", "String!", e => e.Message)
                .Field<ShopifyUserError>("code", "String", e => e.Code);
        }

        foreach (var node in new[] { "Order", "LineItem", "FulfillmentOrder", "ProductVariant", "InventoryLevel" })
        {
            schema.Object($"{node}Connection")
                .Field<Connection>("nodes", $"[{node}!]!", c => c.Nodes)
                .Field<Connection>("edges", $"[{node}Edge!]!", c => c.Nodes.Select((n, i) => new Edge(n, c.Cursors[i])).ToList())
                .Field<Connection>("pageInfo", "PageInfo!", c => c);
            schema.Object($"{node}Edge")
                .Field<Edge>("node", $"{node}!", e => e.Node)
                .Field<Edge>("cursor", "String!", e => e.Cursor);
        }

        schema.Object("OrderCreatePayload")
            .Field<(ShopifyOrder? Order, List<ShopifyUserError> Errors)>("order", "Order", p => p.Order)
            .Field<(ShopifyOrder? Order, List<ShopifyUserError> Errors)>("userErrors", "[OrderCreateUserError!]!", p => p.Errors);
        schema.Object("OrderCancelPayload")
            .Field<(ShopifyJob? Job, List<ShopifyUserError> Errors)>("job", "Job", p => p.Job)
            .Field<(ShopifyJob? Job, List<ShopifyUserError> Errors)>("orderCancelUserErrors", "[OrderCancelUserError!]!", p => p.Errors)
            .Field<(ShopifyJob? Job, List<ShopifyUserError> Errors)>("userErrors", "[UserError!]!", p => p.Errors);
        schema.Object("FulfillmentCreatePayload")
            .Field<(ShopifyFulfillment? Fulfillment, List<ShopifyUserError> Errors)>("fulfillment", "Fulfillment", p => p.Fulfillment)
            .Field<(ShopifyFulfillment? Fulfillment, List<ShopifyUserError> Errors)>("userErrors", "[UserError!]!", p => p.Errors);
        foreach (var name in new[] { "OrderClosePayload", "OrderOpenPayload" })
        {
            schema.Object(name)
                .Field<(ShopifyOrder? Order, List<ShopifyUserError> Errors)>("order", "Order", p => p.Order)
                .Field<(ShopifyOrder? Order, List<ShopifyUserError> Errors)>("userErrors", "[UserError!]!", p => p.Errors);
        }
    }

    private static void DefineRoots(GqlSchema schema, ShopifyStore store, ShopifySimulator simulator)
    {
        (string, string)[] paging = [("first", "Int"), ("after", "String"), ("last", "Int"), ("before", "String"), ("query", "String"), ("reverse", "Boolean")];
        schema.Object("QueryRoot")
            .Field("order", "Order", (_, a) => store.Order(Gid.Parse(a.String("id"), "Order")), ("id", "ID!"))
            .Field("orders", "OrderConnection!", (_, a) =>
            {
                var sortKey = a.String("sortKey") ?? "ID";
                Func<object, (long, long)> key = sortKey switch
                {
                    "UPDATED_AT" => o => (((ShopifyOrder)o).UpdatedAt.UtcTicks, ((ShopifyOrder)o).Id),
                    "CREATED_AT" or "PROCESSED_AT" => o => (((ShopifyOrder)o).CreatedAt.UtcTicks, ((ShopifyOrder)o).Id),
                    "ID" => o => (0, ((ShopifyOrder)o).Id),
                    _ => throw new GqlFieldException($"The sandbox does not sort orders by {sortKey}.", "BAD_REQUEST"),
                };
                return Page([.. store.SearchOrders(a.String("query"))], a, key, simulator);
            }, [.. paging, ("sortKey", "OrderSortKeys")])
            .Field("productVariants", "ProductVariantConnection!", (_, a) =>
                Page([.. store.SearchVariants(a.String("query"))], a, v => (0, ((ShopifyVariant)v).Id), simulator), [.. paging, ("sortKey", "String")])
            .Field("job", "Job", (_, a) => store.Job(Gid.Parse(a.String("id"), "Job")), ("id", "ID!"));

        schema.Object("Mutation")
            .Field("orderCreate", "OrderCreatePayload", (_, a) => store.CreateOrder((JsonObject)a["order"]!, a["options"] as JsonObject),
                ("order", "OrderCreateOrderInput!"), ("options", "OrderCreateOptionsInput"))
            .Field("orderCancel", "OrderCancelPayload", (_, a) => store.Cancel(Gid.Parse(a.String("orderId"), "Order"), a.String("reason")!, a.Bool("restock")!.Value),
                ("orderId", "ID!"), ("reason", "OrderCancelReason!"), ("restock", "Boolean!"), ("notifyCustomer", "Boolean"),
                ("staffNote", "String"), ("refundMethod", "OrderCancelRefundMethodInput"))
            .Field("fulfillmentCreate", "FulfillmentCreatePayload", (_, a) => store.CreateFulfillment((JsonObject)a["fulfillment"]!),
                ("fulfillment", "FulfillmentInput!"), ("message", "String"))
            .Field("orderClose", "OrderClosePayload", (_, a) => store.SetClosed(Gid.Parse((string?)a["input"]!["id"], "Order"), closed: true), ("input", "OrderCloseInput!"))
            .Field("orderOpen", "OrderOpenPayload", (_, a) => store.SetClosed(Gid.Parse((string?)a["input"]!["id"], "Order"), closed: false), ("input", "OrderOpenInput!"));
    }

    /// <summary>Forward paging (first/after) over items in key order, with opaque keyset cursors so that items
    /// moving while a client pages are not skipped.</summary>
    private static Connection Page(IReadOnlyList<object> items, GqlArguments arguments, Func<object, (long Key, long Id)> key, ShopifySimulator simulator)
    {
        if (arguments.Has("last") || arguments.Has("before"))
        {
            throw new GqlFieldException("The sandbox pages forward only (first/after).", "BAD_REQUEST");
        }

        var first = arguments.Int("first") ?? throw new GqlFieldException("you must provide one of first or last", "BAD_REQUEST");
        var reverse = arguments.Bool("reverse") == true;
        var sorted = reverse ? items.OrderByDescending(key).ToList() : items.OrderBy(key).ToList();
        if (arguments.String("after") is { } after)
        {
            var position = DecodeCursor(after);
            sorted = [.. sorted.Where(i => reverse ? key(i).CompareTo(position) < 0 : key(i).CompareTo(position) > 0)];
        }

        var page = simulator.IgnorePageSize ? sorted : [.. sorted.Take(first)];
        return new Connection(page, [.. page.Select(i => EncodeCursor(key(i)))], sorted.Count > page.Count, arguments.Has("after"));
    }

    private static string EncodeCursor((long Key, long Id) position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{position.Key}:{position.Id}")));

    private static (long, long) DecodeCursor(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(cursor)).Split(':');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException)
        {
            throw new GqlFieldException($"Invalid cursor for current pagination sort.", "BAD_REQUEST");
        }
    }

    /// <summary>A variant's stock at one location.</summary>
    internal sealed record InventoryLevel(ShopifyVariant Variant, long LocationId)
    {
        public List<object> Quantities(IEnumerable<string> names) =>
            [.. names.Select(name => (object)KeyValuePair.Create(name, name switch
            {
                "available" or "on_hand" => Variant.Available[LocationId],
                "committed" or "reserved" or "incoming" or "damaged" or "quality_control" or "safety_stock" => 0,
                _ => throw new GqlFieldException($"The quantity name '{name}' is not valid.", "INVALID_NAME"),
            }))];
    }
}

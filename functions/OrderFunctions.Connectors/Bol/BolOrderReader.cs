using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Bol;

/// <summary>
/// Reads bol's order answers. bol reports item fields, not an order status, so the status is derived from the
/// items the retailer fulfils (FBR; bol handles FBB items itself), in this order (docs/connectors/bol.md):
/// <list type="number">
/// <item><c>CANCELLATION_REQUESTED</c>: an item still open has <c>cancellationRequest</c> (the seller must decide);</item>
/// <item><c>OPEN</c>: an item still has quantity to ship or cancel (partly shipped orders included);</item>
/// <item><c>SHIPPED</c>: nothing is open and something was shipped;</item>
/// <item><c>CANCELLED</c>: nothing is open and nothing was shipped.</item>
/// </list>
/// </summary>
internal static class BolOrderReader
{
    public const string Open = "OPEN";
    public const string CancellationRequested = "CANCELLATION_REQUESTED";
    public const string Shipped = "SHIPPED";
    public const string Cancelled = "CANCELLED";

    /// <summary>The order detail (GET /retailer/orders/{id}); null when none of its items is fulfilled by the retailer.</summary>
    public static MarketplaceOrder? ReadOrder(PayloadReader order)
    {
        var orderId = order.Required("orderId").AsNonEmptyString();
        order = order.ForOrder(orderId);
        var items = order.Required("orderItems").Items().Where(IsRetailerFulfilled).Select(ReadItem).ToList();
        if (items.Count == 0)
        {
            return null;
        }

        var shipment = order.Required("shipmentDetails");
        var billing = order.Optional("billingDetails");
        var lines = items.Select(i => i.Line).ToList();
        return new MarketplaceOrder
        {
            OrderId = orderId,
            Status = StatusOf(lines),

            // orderPlacedDateTime is optional in the v10 spec; the earliest item change is the next best thing.
            PlacedAt = order.Optional("orderPlacedDateTime")?.AsDateTimeOffset() ?? items.Min(i => i.ChangedAt),
            LastChangedAt = items.Max(i => i.ChangedAt),
            Currency = "EUR",
            TotalPrice = items.Sum(i => i.TotalPrice),
            Customer = new Customer(
                shipment.Required("firstName").AsString(),
                shipment.Required("surname").AsString(),
                billing?.Optional("email")?.AsString() ?? shipment.Optional("email")?.AsString(),
                NonBlank(shipment.Optional("deliveryPhoneNumber")?.AsString())),
            ShippingAddress = ReadAddress(shipment, order.Optional("pickupPoint")?.AsBoolean() == true),
            BillingAddress = billing is { } b ? ReadAddress(b, pickupPoint: false) : null,
            Lines = lines,
            PackageIds = [],

            // bol has no acknowledge step: there is never anything to acknowledge.
            Acknowledged = true,
        };
    }

    /// <summary>The order list (GET /retailer/orders): an empty object when there are no orders.</summary>
    public static IReadOnlyList<BolListedOrder> ReadList(PayloadReader list)
    {
        if (list.Optional("orders") is not { } orders)
        {
            return [];
        }

        var entries = orders.Items().ToList();
        if (entries.Count > BolApi.OrdersPerPage)
        {
            // A page larger than bol's page size is a broken answer, not more work to do.
            throw orders.Error(orders.Path, $"holds {entries.Count} orders, more than bol's {BolApi.OrdersPerPage} per page");
        }

        return entries.Select(entry =>
        {
            var orderId = entry.Required("orderId").AsNonEmptyString();
            entry = entry.ForOrder(orderId);
            var changes = entry.Required("orderItems").Items().Select(item =>
            {
                if (item.Optional("fulfilmentStatus") is { } status && status.AsString() is not ("OPEN" or "HANDLED"))
                {
                    throw status.Error(status.Path, $"has the unknown status '{status.AsString()}'");
                }

                return item.Required("latestChangedDateTime").AsDateTimeOffset();
            }).ToList();
            return new BolListedOrder(orderId, changes);
        }).ToList();
    }

    public static string StatusOf(IReadOnlyList<MarketplaceOrderLine> lines)
    {
        static int OpenOf(MarketplaceOrderLine l) => l.Quantity - l.QuantityShipped - l.QuantityCancelled;
        if (lines.Any(l => l.CancellationRequested && OpenOf(l) > 0))
        {
            return CancellationRequested;
        }

        if (lines.Any(l => OpenOf(l) > 0))
        {
            return Open;
        }

        return lines.Any(l => l.QuantityShipped > 0) ? Shipped : Cancelled;
    }

    private static bool IsRetailerFulfilled(PayloadReader item)
    {
        var method = item.Optional("fulfilment")?.Optional("method");
        return method is null || method.Value.AsString() switch
        {
            "FBR" => true,
            "FBB" => false,
            var other => throw method.Value.Error(method.Value.Path, $"has the unknown fulfilment method '{other}'"),
        };
    }

    private static (MarketplaceOrderLine Line, decimal TotalPrice, DateTimeOffset ChangedAt) ReadItem(PayloadReader item)
    {
        var product = item.Required("product");
        var ean = product.Required("ean").AsNonEmptyString();

        // The offer reference is the seller's own SKU; offers created without one are known by their EAN.
        var reference = NonBlank(item.Optional("offer")?.Optional("reference")?.AsString());
        var quantity = item.Required("quantity");
        var shipped = item.Required("quantityShipped");
        var cancelled = item.Required("quantityCancelled");
        if (quantity.AsInt32() <= 0)
        {
            throw quantity.Error(quantity.Path, "is not positive");
        }

        if (shipped.AsInt32() < 0 || cancelled.AsInt32() < 0 || shipped.AsInt32() + cancelled.AsInt32() > quantity.AsInt32())
        {
            throw shipped.Error(shipped.Path, "and quantityCancelled do not fit the quantity ordered");
        }

        var line = new MarketplaceOrderLine
        {
            LineId = item.Required("orderItemId").AsNonEmptyString(),
            Sku = reference ?? ean,
            Barcode = ean,
            Title = product.Required("title").AsString(),
            Quantity = quantity.AsInt32(),
            UnitPrice = item.Required("unitPrice").AsDecimal(),
            QuantityShipped = shipped.AsInt32(),
            QuantityCancelled = cancelled.AsInt32(),
            CancellationRequested = item.Required("cancellationRequest").AsBoolean(),
        };
        return (line, item.Required("totalPrice").AsDecimal(), item.Required("latestChangedDateTime").AsDateTimeOffset());
    }

    private static PostalAddress ReadAddress(PayloadReader address, bool pickupPoint)
    {
        var houseNumber = address.Required("houseNumber").AsString() + (address.Optional("houseNumberExtension")?.AsString() is { Length: > 0 } extension ? " " + extension : "");
        var extra = new[]
        {
            NonBlank(address.Optional("extraAddressInformation")?.AsString()),
            pickupPoint ? NonBlank(address.Optional("pickupPointName")?.AsString()) : null,
        }.Where(part => part is not null);
        return new PostalAddress
        {
            FirstName = address.Required("firstName").AsString(),
            LastName = address.Required("surname").AsString(),
            Company = NonBlank(address.Optional("company")?.AsString()),
            Address1 = $"{address.Required("streetName").AsNonEmptyString()} {houseNumber}".Trim(),
            Address2 = NonBlank(string.Join(", ", extra)),
            City = address.Required("city").AsNonEmptyString(),
            PostalCode = address.Required("zipCode").AsString(),
            CountryCode = address.Required("countryCode").AsNonEmptyString(),
            Phone = NonBlank(address.Optional("deliveryPhoneNumber")?.AsString()),
        };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>An order in the list, with the change time of each of its listed items.</summary>
internal sealed record BolListedOrder(string OrderId, IReadOnlyList<DateTimeOffset> ItemChanges);

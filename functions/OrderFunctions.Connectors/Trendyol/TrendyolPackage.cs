using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Marketplaces;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Trendyol;

/// <summary>One shipment package as getShipmentPackages reports it (only the fields the hub uses), read with
/// <see cref="PayloadReader"/> so a bad field names the order and its path.</summary>
internal sealed record TrendyolPackage
{
    public required long Id { get; init; }

    public required string OrderNumber { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset OrderDate { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    public required string Currency { get; init; }

    public required decimal TotalPrice { get; init; }

    public required Customer Customer { get; init; }

    public required PostalAddress ShippingAddress { get; init; }

    public PostalAddress? BillingAddress { get; init; }

    public required IReadOnlyList<TrendyolLine> Lines { get; init; }

    /// <summary>The barcode of Trendyol's contracted carrier label (a number in JSON).</summary>
    public string? CargoTrackingNumber { get; init; }

    public string? CargoProviderName { get; init; }

    /// <summary>The seller's own tracking code, once sent through tracking-details.</summary>
    public string? CargoSenderNumber { get; init; }

    public TrendyolPackageStatus.Stage Stage => TrendyolPackageStatus.StageOf(Status);

    public static TrendyolPackage Read(PayloadReader package)
    {
        var orderNumber = package.Required("orderNumber").AsNonEmptyString();
        package = package.ForOrder(orderNumber);
        var id = package.Required("id").AsInt64();

        var statusField = package.Required("status");
        var status = statusField.AsNonEmptyString();
        if (MarketplaceCatalog.TrendyolDescriptor.FindStatus(status) is null)
        {
            throw statusField.Error(statusField.Path, $"has the unknown status '{status}'");
        }

        var shipment = package.Required("shipmentAddress");
        var linesField = package.Required("lines");
        var lines = linesField.Items().Select(ReadLine).ToList();
        if (lines.Count == 0)
        {
            throw linesField.Error(linesField.Path, "is empty");
        }

        return new TrendyolPackage
        {
            Id = id,
            OrderNumber = orderNumber,
            Status = status,
            OrderDate = package.Required("orderDate").AsUnixMilliseconds() - TrendyolApi.OrderDateShift,
            LastModified = package.Required("lastModifiedDate").AsUnixMilliseconds(),
            Currency = package.Required("currencyCode").AsNonEmptyString(),
            TotalPrice = package.Required("totalPrice").AsDecimal(),
            Customer = new Customer(
                package.Required("customerFirstName").AsString(),
                package.Required("customerLastName").AsString(),
                package.Optional("customerEmail")?.AsString(),
                shipment.Optional("phone")?.AsString()),
            ShippingAddress = ReadAddress(shipment),
            BillingAddress = package.Optional("invoiceAddress") is { } invoice && invoice.Has("city") ? ReadAddress(invoice) : null,
            Lines = lines,
            CargoTrackingNumber = NonBlank(package.Optional("cargoTrackingNumber")?.AsString()),
            CargoProviderName = NonBlank(package.Optional("cargoProviderName")?.AsString()),
            CargoSenderNumber = NonBlank(package.Optional("cargoSenderNumber")?.AsString()),
        };
    }

    private static TrendyolLine ReadLine(PayloadReader line)
    {
        var barcode = NonBlank(line.Optional("barcode")?.AsString());
        var quantity = line.Required("quantity");
        return new TrendyolLine(
            line.Required("id").AsInt64(),
            // merchantSku is the seller's stockCode; a product created without one is known by its barcode only.
            NonBlank(line.Optional("merchantSku")?.AsString()) ?? barcode ?? throw line.Error(line.Path + ".merchantSku", "is missing and so is the barcode"),
            barcode,
            line.Required("productName").AsString(),
            quantity.AsInt32() is > 0 and var q ? q : throw quantity.Error(quantity.Path, "is not positive"),
            line.Required("price").AsDecimal());
    }

    private static PostalAddress ReadAddress(PayloadReader address)
    {
        // address1 is the street line; older payloads carry only fullAddress.
        var street = NonBlank(address.Optional("address1")?.AsString())
            ?? NonBlank(address.Optional("fullAddress")?.AsString())
            ?? throw address.Error(address.Path + ".address1", "is missing and so is fullAddress");
        var locality = new[]
        {
            NonBlank(address.Optional("address2")?.AsString()),
            NonBlank(address.Optional("neighborhood")?.AsString()),
            NonBlank(address.Optional("district")?.AsString()),
        }.Where(part => part is not null);
        return new PostalAddress
        {
            FirstName = address.Required("firstName").AsString(),
            LastName = address.Required("lastName").AsString(),
            Company = NonBlank(address.Optional("company")?.AsString()),
            Address1 = street,
            Address2 = NonBlank(string.Join(", ", locality)),
            City = address.Required("city").AsNonEmptyString(),
            PostalCode = NonBlank(address.Optional("postalCode")?.AsString()),
            CountryCode = address.Required("countryCode").AsNonEmptyString(),
            Phone = NonBlank(address.Optional("phone")?.AsString()),
        };
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

internal sealed record TrendyolLine(long Id, string Sku, string? Barcode, string Title, int Quantity, decimal UnitPrice);

/// <summary>What each package status means for the order it belongs to.</summary>
internal static class TrendyolPackageStatus
{
    public const string Awaiting = "Awaiting";
    public const string Created = "Created";
    public const string Picking = "Picking";
    public const string Invoiced = "Invoiced";
    public const string Shipped = "Shipped";

    public enum Stage
    {
        /// <summary>Still the seller's to handle or on its way: Awaiting … Returned.</summary>
        Live,

        /// <summary>Cancelled or UnSupplied: its lines are cancelled.</summary>
        Cancelled,

        /// <summary>UnPacked / Repack: replaced by new packages with the same order number.</summary>
        Superseded,
    }

    public static Stage StageOf(string status) => status switch
    {
        "Cancelled" or "UnSupplied" => Stage.Cancelled,
        "UnPacked" or "Repack" => Stage.Superseded,
        _ => Stage.Live,
    };

    /// <summary>How far a live package has come; an order's status is that of its least advanced live package.</summary>
    public static int Progress(string status) => status switch
    {
        Awaiting => 0,
        Created => 1,
        Picking => 2,
        Invoiced => 3,
        Shipped => 4,
        "AtCollectionPoint" => 5,
        "UnDelivered" => 6,
        "Delivered" => 7,
        "Returned" => 8,
        _ => 9,
    };

    public static bool IsShipped(string status) => Progress(status) >= Progress(Shipped);
}

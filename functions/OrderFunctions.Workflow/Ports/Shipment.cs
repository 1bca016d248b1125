namespace OrderFunctions.Workflow.Ports;

/// <summary>What is pushed to the marketplace when the shop has shipped. Tracking may be absent (the
/// tracking-code wait ran out); <see cref="CarrierCode"/> is already the marketplace's own code.</summary>
public sealed record ShipmentInfo
{
    public string? TrackingCode { get; init; }

    public string? CarrierCode { get; init; }

    public string? TrackingUrl { get; init; }

    public string? InvoiceNumber { get; init; }

    /// <summary>The hub's reference for the shipment, unique per order (bol <c>shipmentReference</c>).</summary>
    public required string ShipmentReference { get; init; }
}

public enum ShipmentProgress
{
    /// <summary>The marketplace accepted and applied it.</summary>
    Done,

    /// <summary>Accepted asynchronously (bol 202 + process status): poll <see cref="ShipmentPushResult.ProcessId"/>.</summary>
    Pending,

    /// <summary>The marketplace rejected it (bol FAILURE / TIMEOUT): <see cref="ShipmentPushResult.Error"/> says why.</summary>
    Failed,
}

public sealed record ShipmentPushResult(ShipmentProgress Progress, string? ProcessId = null, string? Error = null)
{
    public static ShipmentPushResult Done { get; } = new(ShipmentProgress.Done);
}

/// <summary>A line and a quantity of it; in <see cref="IMarketplace.CancelLinesAsync"/> the line's cancelled total wanted.</summary>
public sealed record LineQuantity(string LineId, int Quantity);

/// <summary>Why lines are cancelled on the marketplace; each connector maps it to its own codes
/// (Trendyol reasonId, bol reasonCode).</summary>
public enum CancellationReason
{
    OutOfStock,
    CustomerRequest,
    DefectiveItem,
    WrongPrice,
    IntegrationProblem,
    Other,
}

/// <summary>An absolute stock level for a SKU. Stock is always set absolutely, never by delta, so a retried
/// call cannot count twice.</summary>
public sealed record StockLevel(string Sku, int Quantity)
{
    /// <summary>The product's barcode / EAN when the caller knows it (e.g. from <see cref="MarketplaceOrderLine.Barcode"/>):
    /// Trendyol sets stock by barcode (the SKU is sent when this is null), bol.com falls back to it to find the offer.</summary>
    public string? Barcode { get; init; }
}

using System.Globalization;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Trendyol;

/// <summary>
/// Turns the shipment packages of one order number into one <see cref="MarketplaceOrder"/>. Splits and partial
/// cancellations give an order new package ids (the old package becomes UnPacked): the order stays one, its lines come
/// from the packages that are current, and <see cref="MarketplaceOrder.PackageIds"/> lists the live ones.
/// Rules (docs/connectors/trendyol.md):
/// <list type="bullet">
/// <item>Superseded packages (UnPacked, Repack) are ignored; their lines live on in the packages that replaced them.</item>
/// <item>Status: the least advanced live package's status (work remains while one package is still Created);
/// with no live package, the latest cancelled one's (Cancelled / UnSupplied); with only superseded packages (a split
/// still in progress), the latest of those.</item>
/// <item>Lines of cancelled packages count as cancelled, lines of shipped packages as shipped. A line re-packed or
/// partly cancelled appears once per package holding part of it (same line id, different <see cref="MarketplaceOrderLine.PackageId"/>).</item>
/// <item>Acknowledged: every live package is at Picking or beyond.</item>
/// </list>
/// </summary>
internal static class TrendyolOrderAssembler
{
    public static MarketplaceOrder Assemble(IReadOnlyList<TrendyolPackage> packages)
    {
        if (packages.Count == 0)
        {
            throw new ArgumentException("An order has at least one package.", nameof(packages));
        }

        var live = packages.Where(p => p.Stage == TrendyolPackageStatus.Stage.Live).OrderBy(p => p.Id).ToList();
        var cancelled = packages.Where(p => p.Stage == TrendyolPackageStatus.Stage.Cancelled).OrderBy(p => p.Id).ToList();
        var current = live.Concat(cancelled).ToList();
        var first = packages.MinBy(p => p.Id)!;
        var labelled = live.FirstOrDefault(p => p.CargoTrackingNumber is not null);

        return new MarketplaceOrder
        {
            OrderId = first.OrderNumber,
            Status = StatusOf(live, cancelled, packages),
            PlacedAt = packages.Min(p => p.OrderDate),
            LastChangedAt = packages.Max(p => p.LastModified),
            Currency = first.Currency,
            TotalPrice = (live.Count > 0 ? live : current).Sum(p => p.TotalPrice),
            Customer = first.Customer,
            ShippingAddress = (live.FirstOrDefault() ?? first).ShippingAddress,
            BillingAddress = (live.FirstOrDefault() ?? first).BillingAddress,
            Lines = current.SelectMany(LinesOf).ToList(),
            PackageIds = live.Select(p => Id(p.Id)).ToList(),
            CarrierName = labelled?.CargoProviderName,
            TrackingCode = labelled?.CargoTrackingNumber,
            Acknowledged = live.Count > 0 && live.All(p => TrendyolPackageStatus.Progress(p.Status) >= TrendyolPackageStatus.Progress(TrendyolPackageStatus.Picking)),
        };
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string StatusOf(List<TrendyolPackage> live, List<TrendyolPackage> cancelled, IReadOnlyList<TrendyolPackage> all)
    {
        if (live.Count > 0)
        {
            return live.MinBy(p => TrendyolPackageStatus.Progress(p.Status))!.Status;
        }

        var latest = (cancelled.Count > 0 ? cancelled : all).MaxBy(p => (p.LastModified, p.Id))!;
        return latest.Status;
    }

    private static IEnumerable<MarketplaceOrderLine> LinesOf(TrendyolPackage package)
    {
        var cancelled = package.Stage == TrendyolPackageStatus.Stage.Cancelled;
        var shipped = !cancelled && TrendyolPackageStatus.IsShipped(package.Status);
        return package.Lines.Select(line => new MarketplaceOrderLine
        {
            LineId = Id(line.Id),
            Sku = line.Sku,
            Barcode = line.Barcode,
            Title = line.Title,
            Quantity = line.Quantity,
            UnitPrice = line.UnitPrice,
            QuantityShipped = shipped ? line.Quantity : 0,
            QuantityCancelled = cancelled ? line.Quantity : 0,
            PackageId = Id(package.Id),
        });
    }
}

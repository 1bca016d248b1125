using System.Globalization;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Workflow.Messaging;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Workflow.Orders.Storage;

/// <summary>
/// The layout of the orders table. Partition = <see cref="OrderKey.Value"/>; the order row has row key
/// <see cref="OrderRowKey"/>; history rows <c>h0000000001</c>, <c>h0000000002</c>, … Every field is a column of its
/// own (readable in Storage Explorer, filterable) except the marketplace snapshot, which is JSON split over
/// <c>Snapshot</c>, <c>Snapshot1</c>, … (<see cref="TableText"/>) to stay under the 64 KiB property limit.
/// </summary>
internal static class OrderEntities
{
    public const string OrderRowKey = "order";

    private const int MaxNoteLength = 2_000;

    public static string HistoryRowKey(long sequence) => "h" + sequence.ToString("D10", CultureInfo.InvariantCulture);

    public static TableEntity ToEntity(OrderState s, long historySequence, OrderLease? lease, string? receivedInRun)
    {
        var e = new TableEntity(s.Key.Value, OrderRowKey);
        Put(e, "IntegrationId", s.Key.IntegrationId);
        Put(e, "MarketplaceOrderId", s.Key.MarketplaceOrderId);
        Put(e, "Marketplace", s.Marketplace);
        Put(e, "Status", s.Status.ToString());
        Put(e, "HoldReason", s.HoldReason?.ToString());
        Put(e, "ReceivedAt", s.ReceivedAt);
        Put(e, "UpdatedAt", s.UpdatedAt);
        Put(e, "NextActionAt", s.NextActionAt);
        Put(e, "MarketplaceStatus", s.MarketplaceOrder.Status);
        Put(e, "MarketplaceChangedAt", s.MarketplaceOrder.LastChangedAt);
        Put(e, "Acknowledged", s.Acknowledged);
        Put(e, "MarketplaceCancelled", s.MarketplaceCancelled);
        Put(e, "ReflectedMarketplaceStatus", s.ReflectedMarketplaceStatus);
        Put(e, "ShopOrderId", s.ShopOrderId);
        Put(e, "ShopStatus", s.ShopStatus);
        Put(e, "AppliedShopStatus", s.AppliedShopStatus);
        Put(e, "ShopModifiedAt", s.ShopModifiedAt);
        Put(e, "TrackingCode", s.Tracking?.Code);
        Put(e, "TrackingCarrier", s.Tracking?.Carrier);
        Put(e, "TrackingUrl", s.Tracking?.Url);
        Put(e, "ShopCancelled", s.ShopCancelled);
        Put(e, "StockTaken", s.StockTaken);
        Put(e, "ShopOrderMayExist", s.ShopOrderMayExist);
        Put(e, "ShopOrderIsReservation", s.ShopOrderIsReservation);
        Put(e, "ConfirmedByOperator", s.ConfirmedByOperator);
        Put(e, "RejectionReason", s.RejectionReason?.ToString());
        Put(e, "CustomStatus", s.CustomStatus);
        Put(e, "CancelledBy", s.CancelledBy?.ToString());
        Put(e, "TrackingDeadline", s.TrackingDeadline);
        Put(e, "ShipmentPushed", s.ShipmentPushed);
        Put(e, "ShipmentProcessId", s.ShipmentProcessId);
        Put(e, "ShipmentCheckAt", s.ShipmentCheckAt);
        Put(e, "FailureReason", s.FailureReason);
        Put(e, "FailedAttempts", s.FailedAttempts);
        Put(e, "FailedFrom", s.FailedFrom?.ToString());
        Put(e, "HistorySequence", historySequence);
        Put(e, "LeaseOwner", lease?.Owner);
        Put(e, "LeaseUntil", lease?.Until);
        Put(e, "ReceivedInRun", receivedInRun);
        TableText.Put(e, "Snapshot", WorkflowJson.SerializeSnapshot(s.MarketplaceOrder), $"order {s.Key}");
        return e;
    }

    public static StoredOrder FromEntity(TableEntity e)
    {
        var key = OrderKey.Parse(e.PartitionKey);
        var tracking = e.GetString("TrackingCode") is { } code ? new ShipmentTracking(code, e.GetString("TrackingCarrier"), e.GetString("TrackingUrl")) : null;
        var state = new OrderState
        {
            Key = key,
            Marketplace = Required(e, "Marketplace"),
            Status = Enum<OrderStatus>(e, "Status") ?? throw Corrupt(e, "Status"),
            HoldReason = Enum<HoldReason>(e, "HoldReason"),
            MarketplaceOrder = WorkflowJson.ParseSnapshot(TableText.Read(e, "Snapshot") ?? throw Corrupt(e, "Snapshot")),
            ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? throw Corrupt(e, "ReceivedAt"),
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
            NextActionAt = e.GetDateTimeOffset("NextActionAt"),
            Acknowledged = e.GetBoolean("Acknowledged") ?? false,
            MarketplaceCancelled = e.GetBoolean("MarketplaceCancelled") ?? false,
            ReflectedMarketplaceStatus = e.GetString("ReflectedMarketplaceStatus"),
            ShopOrderId = e.GetString("ShopOrderId"),
            ShopStatus = e.GetString("ShopStatus"),
            AppliedShopStatus = e.GetString("AppliedShopStatus"),
            ShopModifiedAt = e.GetDateTimeOffset("ShopModifiedAt"),
            Tracking = tracking,
            ShopCancelled = e.GetBoolean("ShopCancelled") ?? false,
            StockTaken = e.GetBoolean("StockTaken"),
            ShopOrderMayExist = e.GetBoolean("ShopOrderMayExist") ?? false,
            ShopOrderIsReservation = e.GetBoolean("ShopOrderIsReservation") ?? false,
            ConfirmedByOperator = e.GetBoolean("ConfirmedByOperator") ?? false,
            RejectionReason = Enum<CancellationReason>(e, "RejectionReason"),
            CustomStatus = e.GetString("CustomStatus"),
            CancelledBy = Enum<CancellationOrigin>(e, "CancelledBy"),
            TrackingDeadline = e.GetDateTimeOffset("TrackingDeadline"),
            ShipmentPushed = e.GetBoolean("ShipmentPushed") ?? false,
            ShipmentProcessId = e.GetString("ShipmentProcessId"),
            ShipmentCheckAt = e.GetDateTimeOffset("ShipmentCheckAt"),
            FailureReason = e.GetString("FailureReason"),
            FailedAttempts = e.GetInt32("FailedAttempts") ?? 0,
            FailedFrom = Enum<OrderStatus>(e, "FailedFrom"),
        };
        var lease = e.GetString("LeaseOwner") is { } owner && e.GetDateTimeOffset("LeaseUntil") is { } until ? new OrderLease(owner, until) : null;
        return new StoredOrder(state, e.ETag, e.GetInt64("HistorySequence") ?? 0, lease, e.GetString("ReceivedInRun"));
    }

    public static TableEntity ToHistoryEntity(OrderKey key, long sequence, OrderHistoryEntry entry)
    {
        var e = new TableEntity(key.Value, HistoryRowKey(sequence));
        Put(e, "At", entry.At);
        Put(e, "Event", entry.Event);
        Put(e, "From", entry.From);
        Put(e, "To", entry.To);
        Put(e, "Note", entry.Note.Length > MaxNoteLength ? entry.Note[..MaxNoteLength] : entry.Note);
        Put(e, "Effect", entry.Effect);
        return e;
    }

    public static OrderHistoryEntry FromHistoryEntity(TableEntity e) => new(
        e.GetDateTimeOffset("At") ?? default,
        e.GetString("Event") ?? "",
        e.GetString("From") ?? "",
        e.GetString("To") ?? "",
        e.GetString("Note") ?? "",
        e.GetString("Effect"));

    private static void Put(TableEntity e, string name, object? value)
    {
        if (value is not null)
        {
            e[name] = value;
        }
    }

    private static string Required(TableEntity e, string name) => e.GetString(name) ?? throw Corrupt(e, name);

    private static T? Enum<T>(TableEntity e, string name)
        where T : struct, Enum =>
        e.GetString(name) is { } text ? (System.Enum.TryParse<T>(text, out var value) ? value : throw Corrupt(e, name)) : null;

    private static FormatException Corrupt(TableEntity e, string name) =>
        new($"Order row '{e.PartitionKey}' has no valid '{name}'.");
}

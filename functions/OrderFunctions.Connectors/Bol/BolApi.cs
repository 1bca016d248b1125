using System.Globalization;

namespace OrderFunctions.Connectors.Bol;

/// <summary>The Retailer API's paths, media types and documented limits (reference B), in one place.</summary>
internal static class BolApi
{
    /// <summary>Orders, Shipments and the shared process status are on v10.</summary>
    public const string RetailerV10 = "application/vnd.retailer.v10+json";

    /// <summary>The Offers resource moved to v11 (GA since 11.2, January 2026); its v10 endpoints are deprecated.</summary>
    public const string RetailerV11 = "application/vnd.retailer.v11+json";

    public const string DefaultTokenUrl = "https://login.bol.com/token";

    public const int OrdersPerPage = 50;

    public const int MaxShipmentItems = 100;

    public const int MaxShipmentReferenceLength = 90;

    /// <summary><c>change-interval-minute</c> can look back at most an hour.</summary>
    public const int MaxChangeIntervalMinutes = 60;

    /// <summary><c>latest-change-date</c> reaches 3 months back; we stay a few days inside that.</summary>
    public static readonly TimeSpan QueryableHistory = TimeSpan.FromDays(88);

    public const string Orders = "retailer/orders";

    public const string Shipments = "retailer/shipments";

    public const string Cancellation = "retailer/orders/cancellation";

    public const string Offers = "retailer/offers";

    public const string CreateShipmentEvent = "CREATE_SHIPMENT";

    public const string CancelOrderEvent = "CANCEL_ORDER";

    public static string Order(string orderId) => $"{Orders}/{Uri.EscapeDataString(orderId)}";

    public static string Offer(string offerId) => $"{Offers}/{Uri.EscapeDataString(offerId)}";

    public static string ProcessStatus(string processStatusId) => $"shared/process-status/{Uri.EscapeDataString(processStatusId)}";

    public static string ProcessStatusesOf(string entityId, string eventType) =>
        $"shared/process-status?entity-id={Uri.EscapeDataString(entityId)}&event-type={eventType}&page=1";

    public static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}

namespace OrderFunctions.Workflow.Integrations;

/// <summary>
/// One marketplace account connected to one shop, with its settings (seed 001). Integrations are data
/// (a table), many per deployment, editable over HTTP. Secrets are never part of it: the accounts name where
/// their credentials are kept (<see cref="ConnectorAccount.SecretName"/>).
/// </summary>
public sealed record Integration
{
    /// <summary>Lowercase letters, digits and '-', 3–40 characters (it is part of table keys and queue messages).</summary>
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    public required ConnectorAccount Marketplace { get; init; }

    public required ConnectorAccount Shop { get; init; }

    public IntegrationSettings Settings { get; init; } = new();
}

/// <summary>An account on a platform. <see cref="Kind"/> is <c>trendyol</c>, <c>bol</c>, <c>woocommerce</c> or
/// <c>shopify</c>; <see cref="BaseUrl"/> is the API root (the sandbox's address locally);
/// <see cref="AccountId"/> the platform's account id where the API needs one (Trendyol sellerId, Shopify shop);
/// <see cref="SecretName"/> the Key Vault secret (or local secret) holding the credentials as JSON;
/// <see cref="ApiVersion"/> the pinned API version where the platform versions its API (Shopify).</summary>
public sealed record ConnectorAccount
{
    public required string Kind { get; init; }

    public required Uri BaseUrl { get; init; }

    public string? AccountId { get; init; }

    public required string SecretName { get; init; }

    public string? ApiVersion { get; init; }
}

/// <summary>How stock follows orders (seed 001 "decrease stock", seed 002 "reserved on receipt").</summary>
public enum StockMode
{
    /// <summary>The hub leaves stock alone.</summary>
    None,

    /// <summary>Stock goes down when the order is transferred to the shop.</summary>
    DecreaseOnTransfer,

    /// <summary>Stock is held as soon as the order is received (before payment or confirmation), and released
    /// if the order is rejected or cancelled.</summary>
    ReserveOnReceipt,
}

/// <summary>Which of the shop's shipment identifiers is sent to the marketplace as the tracking code (seed 001).</summary>
public enum TrackingField
{
    TrackingNumber,
    ShipmentBarcode,
    PackageNumber,
}

/// <summary>The settings of seed 001, with the defaults a new integration gets.</summary>
public sealed record IntegrationSettings
{
    // Communication options
    public bool TransferTrackingCode { get; init; } = true;

    public bool TransferStatusChanges { get; init; } = true;

    public bool TransferCancellations { get; init; } = true;

    // Marketplace feedback
    public bool ApproveOnReceipt { get; init; } = true;

    public bool SendUpdateFeedback { get; init; } = true;

    // Transaction priority
    public bool ReverseFlow { get; init; }

    // Activation
    public bool RetrieveOrders { get; init; } = true;

    public bool AutoTransfer { get; init; } = true;

    // Order notifications
    public bool NotifyNewOrders { get; init; }

    public bool NotifyErrors { get; init; } = true;

    public string? NotificationEmail { get; init; }

    // Stock management
    public StockMode StockMode { get; init; } = StockMode.DecreaseOnTransfer;

    /// <summary>With <see cref="StockMode.ReserveOnReceipt"/>: the shop status of the order that holds the reservation
    /// while the order waits for payment or for the operator (seed 002). Stock only ever moves by creating or
    /// cancelling that shop order, never by a delta.</summary>
    public string ReservationShopStatus { get; init; } = "on-hold";

    // Shipment
    public TrackingField TrackingField { get; init; } = TrackingField.TrackingNumber;

    public bool ForceShipmentLink { get; init; }

    /// <summary>Percent, e.g. 20 for 20 %; null = the shop's default.</summary>
    public decimal? ShipmentVatRate { get; init; }

    /// <summary>Shop carrier name → canonical carrier (see the connectors' carrier resolution).</summary>
    public IReadOnlyDictionary<string, string> CarrierMap { get; init; } = new Dictionary<string, string>();

    // Timing
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to wait for a tracking code after the shop completes an order (seed 003: 3 hours).</summary>
    public TimeSpan TrackingWait { get; init; } = TimeSpan.FromHours(3);
}

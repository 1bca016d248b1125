using System.Globalization;
using OrderFunctions.Storage.Tables;
using OrderFunctions.Workflow.Messaging;

namespace OrderFunctions.Workflow.Integrations;

/// <summary>
/// The layout of the integrations table: one partition per integration. Row <c>integration</c> holds the accounts and
/// every setting as its own column; rows <c>map|{marketplace status}</c> and <c>reverse|{shop status}</c> hold the status
/// map; polling keeps <c>checkpoint</c>, <c>schedule</c> and <c>run|{id}</c> rows there too
/// (<see cref="Polling.PollStateStore"/>). Missing setting columns read as the defaults, so new settings need no migration.
/// </summary>
internal static class IntegrationEntities
{
    public const string IntegrationRowKey = "integration";
    public const string MapRowPrefix = "map|";
    public const string ReverseRowPrefix = "reverse|";

    /// <summary>The poll checkpoint (<see cref="Polling.PollStateStore"/>); sorts before <see cref="ReadBoundary"/> so the
    /// poll reads it with the integration.</summary>
    public const string CheckpointRowKey = "checkpoint";

    /// <summary>When the scheduler last queued a poll; sorts after <see cref="ReadBoundary"/>.</summary>
    public const string ScheduleRowKey = "schedule";

    public const string RunRowPrefix = "run|";

    /// <summary>Everything <see cref="IntegrationStore.GetAsync"/> reads sorts before this (run rows and the schedule after).</summary>
    public const string ReadBoundary = RunRowPrefix;

    public static TableEntity ToEntity(Integration i)
    {
        var s = i.Settings;
        var e = new TableEntity(i.Id, IntegrationRowKey)
        {
            ["DisplayName"] = i.DisplayName,
            ["TransferTrackingCode"] = s.TransferTrackingCode,
            ["TransferStatusChanges"] = s.TransferStatusChanges,
            ["TransferCancellations"] = s.TransferCancellations,
            ["ApproveOnReceipt"] = s.ApproveOnReceipt,
            ["SendUpdateFeedback"] = s.SendUpdateFeedback,
            ["ReverseFlow"] = s.ReverseFlow,
            ["RetrieveOrders"] = s.RetrieveOrders,
            ["AutoTransfer"] = s.AutoTransfer,
            ["NotifyNewOrders"] = s.NotifyNewOrders,
            ["NotifyErrors"] = s.NotifyErrors,
            ["StockMode"] = s.StockMode.ToString(),
            ["ReservationShopStatus"] = s.ReservationShopStatus,
            ["TrackingField"] = s.TrackingField.ToString(),
            ["ForceShipmentLink"] = s.ForceShipmentLink,
            ["CarrierMap"] = WorkflowJson.SerializeMap(new Dictionary<string, string>(s.CarrierMap, StringComparer.Ordinal)),
            ["PollIntervalSeconds"] = s.PollInterval.TotalSeconds,
            ["TrackingWaitSeconds"] = s.TrackingWait.TotalSeconds,
        };
        if (s.NotificationEmail is { } email)
        {
            e["NotificationEmail"] = email;
        }

        if (s.ShipmentVatRate is { } vat)
        {
            e["ShipmentVatRate"] = vat.ToString(CultureInfo.InvariantCulture);
        }

        PutAccount(e, "Marketplace", i.Marketplace);
        PutAccount(e, "Shop", i.Shop);
        return e;
    }

    public static Integration FromEntity(TableEntity e)
    {
        var defaults = new IntegrationSettings();
        var settings = new IntegrationSettings
        {
            TransferTrackingCode = e.GetBoolean("TransferTrackingCode") ?? defaults.TransferTrackingCode,
            TransferStatusChanges = e.GetBoolean("TransferStatusChanges") ?? defaults.TransferStatusChanges,
            TransferCancellations = e.GetBoolean("TransferCancellations") ?? defaults.TransferCancellations,
            ApproveOnReceipt = e.GetBoolean("ApproveOnReceipt") ?? defaults.ApproveOnReceipt,
            SendUpdateFeedback = e.GetBoolean("SendUpdateFeedback") ?? defaults.SendUpdateFeedback,
            ReverseFlow = e.GetBoolean("ReverseFlow") ?? defaults.ReverseFlow,
            RetrieveOrders = e.GetBoolean("RetrieveOrders") ?? defaults.RetrieveOrders,
            AutoTransfer = e.GetBoolean("AutoTransfer") ?? defaults.AutoTransfer,
            NotifyNewOrders = e.GetBoolean("NotifyNewOrders") ?? defaults.NotifyNewOrders,
            NotifyErrors = e.GetBoolean("NotifyErrors") ?? defaults.NotifyErrors,
            NotificationEmail = e.GetString("NotificationEmail"),
            StockMode = Enum.TryParse<StockMode>(e.GetString("StockMode"), out var stock) ? stock : defaults.StockMode,
            ReservationShopStatus = e.GetString("ReservationShopStatus") ?? defaults.ReservationShopStatus,
            TrackingField = Enum.TryParse<TrackingField>(e.GetString("TrackingField"), out var field) ? field : defaults.TrackingField,
            ForceShipmentLink = e.GetBoolean("ForceShipmentLink") ?? defaults.ForceShipmentLink,
            ShipmentVatRate = decimal.TryParse(e.GetString("ShipmentVatRate"), NumberStyles.Number, CultureInfo.InvariantCulture, out var vat) ? vat : null,
            CarrierMap = e.GetString("CarrierMap") is { } map ? WorkflowJson.ParseMap(map) : defaults.CarrierMap,
            PollInterval = e.GetDouble("PollIntervalSeconds") is { } poll ? TimeSpan.FromSeconds(poll) : defaults.PollInterval,
            TrackingWait = e.GetDouble("TrackingWaitSeconds") is { } wait ? TimeSpan.FromSeconds(wait) : defaults.TrackingWait,
        };
        return new Integration
        {
            Id = e.PartitionKey,
            DisplayName = e.GetString("DisplayName") ?? e.PartitionKey,
            Marketplace = ReadAccount(e, "Marketplace"),
            Shop = ReadAccount(e, "Shop"),
            Settings = settings,
        };
    }

    public static TableEntity ToEntity(string integrationId, StatusMapEntry entry) => new(integrationId, MapRowPrefix + TableKeys.Escape(entry.MarketplaceStatus))
    {
        ["MarketplaceStatus"] = entry.MarketplaceStatus,
        ["ShopStatus"] = entry.ShopStatus,
        ["Active"] = entry.Active,
        ["ProcessInclusion"] = entry.ProcessInclusion,
    };

    public static TableEntity ToEntity(string integrationId, ReverseStatusMapEntry entry) => new(integrationId, ReverseRowPrefix + TableKeys.Escape(entry.ShopStatus.ToLowerInvariant()))
    {
        ["ShopStatus"] = entry.ShopStatus,
        ["Action"] = entry.Action.ToString(),
        ["Active"] = entry.Active,
    };

    public static StatusMapEntry FromMapEntity(TableEntity e) => new(
        e.GetString("MarketplaceStatus") ?? "",
        e.GetString("ShopStatus") ?? "",
        e.GetBoolean("Active") ?? false,
        e.GetBoolean("ProcessInclusion") ?? false);

    public static ReverseStatusMapEntry FromReverseEntity(TableEntity e) => new(
        e.GetString("ShopStatus") ?? "",
        Enum.TryParse<ReverseAction>(e.GetString("Action"), out var action) ? action : ReverseAction.None,
        e.GetBoolean("Active") ?? false);

    private static void PutAccount(TableEntity e, string prefix, ConnectorAccount account)
    {
        e[prefix + "Kind"] = account.Kind;
        e[prefix + "BaseUrl"] = account.BaseUrl.ToString();
        e[prefix + "SecretName"] = account.SecretName;
        if (account.AccountId is { } id)
        {
            e[prefix + "AccountId"] = id;
        }

        if (account.ApiVersion is { } version)
        {
            e[prefix + "ApiVersion"] = version;
        }
    }

    private static ConnectorAccount ReadAccount(TableEntity e, string prefix) => new()
    {
        Kind = e.GetString(prefix + "Kind") ?? throw new FormatException($"Integration '{e.PartitionKey}' has no {prefix}Kind."),
        BaseUrl = new Uri(e.GetString(prefix + "BaseUrl") ?? throw new FormatException($"Integration '{e.PartitionKey}' has no {prefix}BaseUrl.")),
        SecretName = e.GetString(prefix + "SecretName") ?? "",
        AccountId = e.GetString(prefix + "AccountId"),
        ApiVersion = e.GetString(prefix + "ApiVersion"),
    };
}

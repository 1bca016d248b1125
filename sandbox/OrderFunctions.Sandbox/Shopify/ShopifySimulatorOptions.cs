namespace OrderFunctions.Sandbox.Shopify;

/// <summary>Settings of a <see cref="ShopifySimulator"/>.</summary>
public sealed class ShopifySimulatorOptions
{
    /// <summary>0 = any free port on 127.0.0.1.</summary>
    public int Port { get; init; }

    public string ShopDomain { get; init; } = "sandbox-shop.myshopify.com";

    /// <summary>The Admin API access token requests must carry in <c>X-Shopify-Access-Token</c>.</summary>
    public string AccessToken { get; init; } = "shpat_sandbox_0123456789abcdef";

    /// <summary>The app's client secret: webhooks are signed with it.</summary>
    public string ClientSecret { get; init; } = "shpss_sandbox_0123456789abcdef";

    /// <summary>Supported API versions, oldest first. An older (retired) version falls forward to the oldest one.</summary>
    public IReadOnlyList<string> SupportedApiVersions { get; init; } = ["2025-04", "2025-07", "2025-10", "2026-01"];

    /// <summary>Cost-bucket size (Shopify's Standard plan: 2000 points, restoring 100 per second).</summary>
    public int BucketSize { get; init; } = 2000;

    public int RestoreRate { get; init; } = 100;

    /// <summary>How long after its creation an order starts to show in search (<c>orders(query:)</c>).</summary>
    public TimeSpan SearchIndexDelay { get; init; }

    /// <summary>How long orderCancel's job runs before the order is cancelled.</summary>
    public TimeSpan CancelJobDuration { get; init; }

    /// <summary>Shopify's default "automatically archive the order" after fulfilment.</summary>
    public bool AutoArchiveFulfilledOrders { get; init; } = true;

    public string ShopCurrency { get; init; } = "EUR";

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

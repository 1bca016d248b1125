namespace OrderFunctions.Sandbox.WooCommerce;

/// <summary>Settings of a <see cref="WooCommerceSimulator"/>.</summary>
public sealed class WooCommerceSimulatorOptions
{
    /// <summary>0 = any free port on 127.0.0.1.</summary>
    public int Port { get; init; }

    public string ConsumerKey { get; init; } = "ck_sandbox_0123456789abcdef";

    public string ConsumerSecret { get; init; } = "cs_sandbox_0123456789abcdef";

    /// <summary>The site's time zone: WooCommerce writes <c>date_*</c> fields in it and <c>date_*_gmt</c> in UTC.</summary>
    public TimeSpan SiteUtcOffset { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Order statuses registered by plugins besides WooCommerce's own (e.g. <c>shipped</c>).</summary>
    public IReadOnlyList<string> CustomStatuses { get; init; } = [];

    /// <summary>Simulates servers that drop the Authorization header (WooCommerce then answers "consumer key is
    /// missing" to Basic auth, and only the query-string credentials work).</summary>
    public bool DropAuthorizationHeader { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

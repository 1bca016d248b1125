namespace OrderFunctions.Sandbox.Hosting;

/// <summary>How to run the sandbox: a port per simulator and for the control API (0 = a free one), where to write the
/// ports file and the local secrets file, where the shops send their webhooks, and the seed of the order generator.</summary>
public sealed record SandboxSettings
{
    public int TrendyolPort { get; init; }

    public int BolPort { get; init; }

    public int WooCommercePort { get; init; }

    public int ShopifyPort { get; init; }

    public int ControlPort { get; init; }

    /// <summary>Where to write the <see cref="SandboxManifest"/> (addresses, accounts, credentials) once everything listens.</summary>
    public string? PortsFile { get; init; }

    /// <summary>Where to write the credentials as a local secrets file (the handler's <c>Secrets__LocalFile</c>).</summary>
    public string? SecretsFile { get; init; }

    /// <summary>WooCommerce <c>order.updated</c> deliveries go here (signed with the sandbox webhook secret).</summary>
    public Uri? WooCommerceWebhookUrl { get; init; }

    /// <summary>Shopify <c>orders/updated</c> deliveries go here (signed with the sandbox client secret).</summary>
    public Uri? ShopifyWebhookUrl { get; init; }

    /// <summary>Run the demo traffic (<c>--demo</c>, <see cref="Demo.DemoDriver"/>): new marketplace orders on a timer,
    /// and the merchant completing or cancelling the orders the hub creates in the shops.</summary>
    public bool Demo { get; init; }

    /// <summary>Seeds the generator of random orders (names, addresses, lines); null = a different run each time.</summary>
    public int? Seed { get; init; }
}

using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.Connectors.Tests.Sandbox;

/// <summary>One in-process sandbox (the four simulators and the control API) shared by a test class. Tests add their
/// own orders, whose ids are unique, so they do not see each other's.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxHost Host { get; private set; } = null!;

    public SandboxManifest Manifest => Host.Manifest;

    public HttpClient Control { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await SandboxHost.StartAsync(new SandboxSettings { Seed = 42 });
        Control = new HttpClient { BaseAddress = Host.Manifest.Control, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Control.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>The hub's account for a sandbox platform, as an operator would enter it from the ports file.</summary>
    public ConnectorAccount Account(string kind)
    {
        var account = Manifest.Accounts[kind];
        return new ConnectorAccount
        {
            Kind = account.Kind,
            BaseUrl = account.BaseUrl,
            AccountId = account.AccountId,
            SecretName = account.SecretName,
            ApiVersion = account.ApiVersion,
        };
    }

    /// <summary>The credentials JSON the account's secret holds.</summary>
    public string Credentials(string kind) => Manifest.Accounts[kind].Credentials.ToJsonString();

    public Integration Integration(string id, string marketplace = "trendyol", string shop = "woocommerce") => new()
    {
        Id = id,
        DisplayName = $"{marketplace} to {shop}",
        Marketplace = Account(marketplace),
        Shop = Account(shop),
    };
}

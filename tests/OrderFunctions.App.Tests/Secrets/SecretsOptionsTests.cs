using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrderFunctions.App.Secrets;
using OrderFunctions.App.Startup;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Tests.Secrets;

public class SecretsOptionsTests
{
    [Fact]
    public async Task WithoutAVaultTheLocalStoreIsUsed()
    {
        await using var app = Build(new() { ["Secrets:Local:demo-shop"] = "from-settings" });

        await HandlerApp.StartAsync(app, CancellationToken.None);
        var store = app.Services.GetRequiredService<ISecretStore>();

        Assert.IsType<LocalSecretStore>(store);
        Assert.Equal("from-settings", await store.GetSecretAsync("demo-shop", CancellationToken.None));
        await app.StopAsync();
    }

    [Fact]
    public async Task WithAVaultTheKeyVaultStoreIsUsed()
    {
        await using var app = Build(new()
        {
            ["Secrets:KeyVaultUri"] = "https://orderfunctions-kv.vault.azure.net/",
            ["Secrets:Credential"] = "managedidentity",
            ["Secrets:ClientId"] = "5f1d3a6e-0c1b-4a57-9d4e-2f0c8a1b7e90",
            ["WEBSITE_SITE_NAME"] = "orderfunctions-app",
        });

        await HandlerApp.StartAsync(app, CancellationToken.None);
        var store = Assert.IsType<KeyVaultSecretStore>(app.Services.GetRequiredService<ISecretStore>());

        Assert.Equal(new Uri("https://orderfunctions-kv.vault.azure.net/"), store.VaultUri);
        await app.StopAsync();
    }

    [Fact]
    public async Task BadSettingsFailTheStartNamingEachKeyWithoutItsValue()
    {
        await using var app = Build(new()
        {
            ["Secrets:KeyVaultUri"] = "http://orderfunctions-kv.vault.azure.net/",
            ["Secrets:LocalFile"] = "secrets.json",
            ["Secrets:Credential"] = "clientsecret",
            ["Secrets:ClientId"] = "my-identity",
        });

        var e = await Assert.ThrowsAsync<StartupException>(() => HandlerApp.StartAsync(app, CancellationToken.None));

        Assert.Contains("Secrets__KeyVaultUri: must be the vault's https address", e.Message, StringComparison.Ordinal);
        Assert.Contains("Secrets__LocalFile: is for local development", e.Message, StringComparison.Ordinal);
        Assert.Contains("Secrets__Credential: must be 'managedidentity'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Secrets__ClientId: must be the managed identity's client id", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("my-identity", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InAzureAVaultIsRequired()
    {
        await using var app = Build(new() { ["WEBSITE_SITE_NAME"] = "orderfunctions-app", ["Secrets:LocalFile"] = "secrets.json" });

        var e = await Assert.ThrowsAsync<StartupException>(() => HandlerApp.StartAsync(app, CancellationToken.None));

        Assert.Contains("Secrets__KeyVaultUri: is required in Azure", e.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(Dictionary<string, string?> overrides) =>
        HandlerApp.Build(new HandlerAppSettings { Port = 0, Mode = HandlerMode.Host, Overrides = overrides });
}

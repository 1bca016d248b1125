using System.Text.Json.Nodes;
using OrderFunctions.App.Demo;
using OrderFunctions.App.Startup;

namespace OrderFunctions.App.Tests.Demo;

public sealed class DemoManifestTests : IDisposable
{
    private readonly DemoManifestFile _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ReadAsync_SandboxPortsFile_GivesTheFourAccountsWithoutCredentials()
    {
        var manifest = await DemoManifest.ReadAsync(_files.Write(DemoManifestFile.Manifest(41000)), CancellationToken.None);

        Assert.Equal(("trendyol", new Uri("http://127.0.0.1:41000/"), "1001", "sandbox-trendyol"), (manifest.Trendyol.Kind, manifest.Trendyol.BaseUrl, manifest.Trendyol.AccountId, manifest.Trendyol.SecretName));
        Assert.Equal(("bol", new Uri("http://127.0.0.1:41001/"), null), (manifest.Bol.Kind, manifest.Bol.BaseUrl, manifest.Bol.AccountId));
        Assert.Equal("woocommerce", manifest.WooCommerce.Kind);
        Assert.Equal(("sandbox-shop.myshopify.com", "2025-10"), (manifest.Shopify.AccountId, manifest.Shopify.ApiVersion));
    }

    [Fact]
    public async Task ReadAsync_MissingFile_SaysToStartTheSandboxWithThePortsFile()
    {
        var e = await Assert.ThrowsAsync<DemoManifestException>(() => DemoManifest.ReadAsync(_files.MissingPath, CancellationToken.None));

        Assert.Contains(_files.MissingPath, e.Message, StringComparison.Ordinal);
        Assert.Contains("--ports-file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_NotJson_NamesTheFileAndTheLine()
    {
        var path = _files.Write("{\n  \"accounts\": {\n    oops\n}");

        var e = await Assert.ThrowsAsync<DemoManifestException>(() => DemoManifest.ReadAsync(path, CancellationToken.None));

        Assert.Equal($"The sandbox manifest '{path}' is not valid JSON (line 3).", e.Message);
    }

    [Theory]
    [InlineData("[]", "has no \"accounts\" object")]
    [InlineData("{\"control\":\"http://127.0.0.1:1/\"}", "has no \"accounts\" object")]
    public async Task ReadAsync_NoAccounts_AsksWhetherItIsThePortsFile(string contents, string expected)
    {
        var e = await Assert.ThrowsAsync<DemoManifestException>(() => DemoManifest.ReadAsync(_files.Write(contents), CancellationToken.None));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bol", null, null, "accounts.bol is missing.")]
    [InlineData("shopify", "kind", "woocommerce", "accounts.shopify.kind must be 'shopify', not 'woocommerce'.")]
    [InlineData("trendyol", "baseUrl", "ftp://127.0.0.1:1/", "accounts.trendyol.baseUrl must be an absolute http(s) URL, not 'ftp://127.0.0.1:1/'.")]
    [InlineData("woocommerce", "secretName", "", "accounts.woocommerce.secretName must be a non-empty string.")]
    [InlineData("shopify", "apiVersion", 42, "accounts.shopify.apiVersion must be a non-empty string or null.")]
    public async Task ReadAsync_BadAccount_NamesTheField(string account, string? field, object? value, string expected)
    {
        var manifest = DemoManifestFile.Manifest(41000);
        var accounts = manifest["accounts"]!.AsObject();
        if (field is null)
        {
            accounts.Remove(account);
        }
        else
        {
            accounts[account]![field] = JsonValue.Create(value);
        }

        var path = _files.Write(manifest);

        var e = await Assert.ThrowsAsync<DemoManifestException>(() => DemoManifest.ReadAsync(path, CancellationToken.None));

        Assert.Equal($"The sandbox manifest '{path}': {expected}", e.Message);
    }

    [Fact]
    public async Task SeedDemoCommand_BadManifest_FailsWithTheManifestsErrorBeforeTouchingStorage()
    {
        var command = CommandLine.Parse(["seed-demo", "--manifest", _files.MissingPath]);

        var e = await Assert.ThrowsAsync<StartupException>(() => command.RunAsync(CancellationToken.None));

        Assert.Equal(StartupException.ConfigurationExitCode, e.ExitCode);
        Assert.StartsWith($"The sandbox manifest '{_files.MissingPath}' does not exist.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed-demo")]
    [InlineData("seed-demo", "--manifest")]
    [InlineData("seed-demo", "--ports", "x.json")]
    public void CommandLine_SeedDemoWithoutManifest_IsAUsageError(params string[] args)
    {
        var e = Assert.Throws<StartupException>(() => CommandLine.Parse(args));

        Assert.Equal(StartupException.UsageExitCode, e.ExitCode);
        Assert.Contains("seed-demo needs --manifest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLine_SeedDemoWithManifest_IsTheSeedCommand() =>
        Assert.Equal(new SeedDemoCommand("ports.json"), CommandLine.Parse(["seed-demo", "--manifest", "ports.json"]));
}

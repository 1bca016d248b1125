using Microsoft.Extensions.Configuration;
using OrderFunctions.App.Secrets;
using OrderFunctions.Sandbox.Hosting;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Tests.Secrets;

public sealed class LocalSecretStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("local-secrets-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SecretFromSettingsIsReturnedAsIs()
    {
        var store = Store(new() { ["demo-trendyol"] = """{"apiKey":"k","apiSecret":"s"}""" });

        Assert.Equal("""{"apiKey":"k","apiSecret":"s"}""", await store.GetSecretAsync("demo-trendyol", CancellationToken.None));
    }

    [Fact]
    public async Task FileHoldsStringsAndObjectsAnObjectStandingForItsJson()
    {
        var store = Store(file: WriteFile("""{"plain": "a-value", "shop": {"accessToken": "shpat_x", "n": 1}}"""));

        Assert.Equal("a-value", await store.GetSecretAsync("plain", CancellationToken.None));
        Assert.Equal("""{"accessToken": "shpat_x", "n": 1}""", await store.GetSecretAsync("shop", CancellationToken.None));
    }

    [Fact]
    public async Task SettingWinsOverTheFile()
    {
        var store = Store(new() { ["shop"] = "from-settings" }, WriteFile("""{"shop": "from-file"}"""));

        Assert.Equal("from-settings", await store.GetSecretAsync("shop", CancellationToken.None));
    }

    [Fact]
    public async Task RewrittenFileIsReadAgain()
    {
        var file = WriteFile("""{"shop": "first"}""");
        var store = Store(file: file);
        Assert.Equal("first", await store.GetSecretAsync("shop", CancellationToken.None));

        File.WriteAllText(file, """{"shop": "second, rotated"}""");

        Assert.Equal("second, rotated", await store.GetSecretAsync("shop", CancellationToken.None));
    }

    [Fact]
    public async Task MissingSecretFailsForGoodSayingWhereItLooked()
    {
        var file = WriteFile("{}");

        var e = await Assert.ThrowsAsync<SecretStoreException>(() => Store(file: file).GetSecretAsync("demo-bol", CancellationToken.None));

        Assert.False(e.IsTransient);
        Assert.Equal("demo-bol", e.SecretName);
        Assert.Contains("Secrets__Local__demo-bol", e.Message, StringComparison.Ordinal);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFileIsNamed()
    {
        var file = Path.Combine(_directory, "nowhere.json");

        var e = await Assert.ThrowsAsync<SecretStoreException>(() => Store(file: file).GetSecretAsync("demo-bol", CancellationToken.None));

        Assert.False(e.IsTransient);
        Assert.Contains($"{file} (Secrets__LocalFile) does not exist", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"shop": "s3cr3t-value", oops}""", "is not valid JSON (line 1)")]
    [InlineData("""["s3cr3t-value"]""", "must be a JSON object of secrets by name")]
    [InlineData("""{"shop": ["s3cr3t-value"]}""", "has 'shop' that is neither a string nor an object")]
    public async Task BrokenFileIsNamedWithoutItsContent(string contents, string problem)
    {
        var e = await Assert.ThrowsAsync<SecretStoreException>(() => Store(file: WriteFile(contents)).GetSecretAsync("shop", CancellationToken.None));

        Assert.False(e.IsTransient);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSandboxSecretsFileHoldsEachAccountsCredentials()
    {
        var file = Path.Combine(_directory, "sandbox-secrets.json");
        await using (var sandbox = await SandboxHost.StartAsync(new SandboxSettings { SecretsFile = file }))
        {
            await sandbox.WriteFilesAsync(CancellationToken.None);
            var store = Store(file: file);

            foreach (var account in sandbox.Manifest.Accounts.Values)
            {
                Assert.Equal(account.Credentials.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(await store.GetSecretAsync(account.SecretName, CancellationToken.None))!.ToJsonString());
            }
        }

        Assert.False(File.Exists(file));
    }

    private string WriteFile(string contents)
    {
        var file = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(file, contents);
        return file;
    }

    private static LocalSecretStore Store(Dictionary<string, string?>? settings = null, string? file = null) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build(), file);
}

using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using OrderFunctions.App.Secrets;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Tests.Secrets;

public sealed class KeyVaultSecretStoreTests : IAsyncLifetime
{
    private const string CredentialsJson = """{"apiKey":"vault-key","apiSecret":"vault-secret"}""";

    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.Zero));
    private FakeKeyVault _vault = null!;

    public async Task InitializeAsync() => _vault = await FakeKeyVault.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task SecretIsReadWithABearerTokenForTheVaultScopeAtThePinnedApiVersion()
    {
        _vault.Secrets["demo-trendyol"] = CredentialsJson;

        var value = await Store().GetSecretAsync("demo-trendyol", CancellationToken.None);

        Assert.Equal(CredentialsJson, value);
        var read = Assert.Single(_vault.Requests, r => r.Authorization is not null);
        Assert.Equal(("GET", "/secrets/demo-trendyol", "7.4", $"Bearer {FakeKeyVault.Token}"), (read.Method, read.Path.TrimEnd('/'), read.ApiVersion, read.Authorization));
        var tokenRequest = Assert.Single(_vault.Credential.Requests);
        Assert.Equal(["https://vault.azure.net/.default"], tokenRequest.Scopes);
        Assert.Equal(FakeKeyVault.TenantId, tokenRequest.TenantId);
    }

    [Fact]
    public async Task ValueIsKeptForFiveMinutesThenARotatedSecretIsRead()
    {
        _vault.Secrets["demo-bol"] = "first";
        var store = Store();
        Assert.Equal("first", await store.GetSecretAsync("demo-bol", CancellationToken.None));

        _vault.Secrets["demo-bol"] = "rotated";
        _clock.Advance(KeyVaultSecretStore.CacheLifetime - TimeSpan.FromSeconds(1));
        var beforeExpiry = await store.GetSecretAsync("demo-bol", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await store.GetSecretAsync("demo-bol", CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(5), KeyVaultSecretStore.CacheLifetime);
        Assert.Equal("first", beforeExpiry);
        Assert.Equal("rotated", afterExpiry);
        Assert.Equal(2, _vault.Requests.Count(r => r.Authorization is not null));
    }

    [Fact]
    public async Task ConcurrentReadsOfOneSecretCostOneVaultCall()
    {
        _vault.Secrets["demo-shop"] = CredentialsJson;
        var store = Store();

        var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.GetSecretAsync("demo-shop", CancellationToken.None)));

        Assert.All(values, value => Assert.Equal(CredentialsJson, value));
        Assert.Single(_vault.Requests, r => r.Authorization is not null);
    }

    [Fact]
    public async Task MissingSecretFailsForGoodNamingTheSecretAndTheVault()
    {
        var e = await Assert.ThrowsAsync<SecretStoreException>(() => Store().GetSecretAsync("nobody-wrote-this", CancellationToken.None));

        Assert.False(e.IsTransient);
        Assert.Equal("Key Vault 127.0.0.1 has no secret 'nobody-wrote-this'.", e.Message);
    }

    [Fact]
    public async Task RefusedAccessFailsForGoodNamingTheRoleToGrant()
    {
        _vault.ForcedStatus = HttpStatusCode.Forbidden;

        var e = await Assert.ThrowsAsync<SecretStoreException>(() => Store().GetSecretAsync("demo-trendyol", CancellationToken.None));

        Assert.False(e.IsTransient);
        Assert.Contains("403 Forbidden", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Key Vault Secrets User'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutageIsTransientAndNotKept()
    {
        _vault.Secrets["demo-trendyol"] = CredentialsJson;
        _vault.ForcedStatus = HttpStatusCode.ServiceUnavailable;
        var store = Store();

        var e = await Assert.ThrowsAsync<SecretStoreException>(() => store.GetSecretAsync("demo-trendyol", CancellationToken.None));
        _vault.ForcedStatus = null;

        Assert.True(e.IsTransient);
        Assert.Equal(CredentialsJson, await store.GetSecretAsync("demo-trendyol", CancellationToken.None));
    }

    private KeyVaultSecretStore Store() => new(_vault.Client(), _clock, NullLogger<KeyVaultSecretStore>.Instance);
}

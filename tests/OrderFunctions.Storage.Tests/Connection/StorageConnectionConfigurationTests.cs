using Azure.Identity;
using Microsoft.Extensions.Configuration;
using OrderFunctions.Storage.Connection;

namespace OrderFunctions.Storage.Tests.Connection;

public sealed class StorageConnectionConfigurationTests
{
    [Fact]
    public void ConnectionStringUnderTheNameWinsOverEverythingElse()
    {
        var connection = Resolve(new()
        {
            ["Storage"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage"] = "AccountName=other;AccountKey=a2V5",
            ["Storage:accountName"] = "acct",
        });

        Assert.Equal("SharedKey", connection.AuthMode);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableServiceUri);
    }

    [Fact]
    public void AzureWebJobsPrefixedConnectionStringIsTheFallback()
    {
        var connection = Resolve(new() { ["AzureWebJobsStorage"] = "AccountName=acct;AccountKey=a2V5" });

        Assert.Equal("SharedKey", connection.AuthMode);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.QueueServiceUri);
    }

    [Fact]
    public void ServiceUrisWithManagedIdentityAndClientIdUseAUserAssignedManagedIdentity()
    {
        var connection = Resolve(new()
        {
            ["Storage:tableServiceUri"] = "https://acct.table.core.windows.net/",
            ["Storage:queueServiceUri"] = "https://acct.queue.core.windows.net/",
            ["Storage:credential"] = "managedidentity",
            ["Storage:clientId"] = "00000000-0000-0000-0000-00000000000a",
        });

        Assert.Equal("EntraId", connection.AuthMode);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.Null(connection.SharedKey);
    }

    [Fact]
    public void DoubleUnderscoreKeysAndAccountNameWithoutCredentialUseDefaultAzureCredential()
    {
        var connection = Resolve(new() { ["Storage__accountName"] = "acct" });

        Assert.Equal("EntraId", connection.AuthMode);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.IsType<DefaultAzureCredential>(connection.Credential);
    }

    [Fact]
    public void ServiceUriIsAnAliasOfQueueServiceUriAndLeavesTablesUnconfigured()
    {
        var connection = Resolve(new() { ["Storage:serviceUri"] = "https://acct.queue.core.windows.net", ["Storage:credential"] = "managedidentity" });

        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.Null(connection.TableServiceUri);
        var e = Assert.Throws<InvalidOperationException>(() => connection.CreateTableServiceClient());
        Assert.Contains("no table endpoint", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureWebJobsPrefixedIdentitySettingsAreTheLastResort()
    {
        var connection = Resolve(new() { ["AzureWebJobsStorage:accountName"] = "hostacct" });

        Assert.Equal(new Uri("https://hostacct.table.core.windows.net"), connection.TableServiceUri);
    }

    [Fact]
    public void MissingConfigurationNamesEveryKeyItLookedFor()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve(new() { ["Other"] = "x" }));

        foreach (var key in new[] { "'Storage'", "'AzureWebJobsStorage'", "Storage__tableServiceUri", "Storage__queueServiceUri", "Storage__serviceUri", "Storage__accountName" })
        {
            Assert.Contains(key, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnknownCredentialKindIsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve(new() { ["Storage:accountName"] = "acct", ["Storage:credential"] = "clientsecret" }));

        Assert.Contains("Storage__credential", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadConnectionStringNamesTheSettingButNotItsValue()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Resolve(new() { ["Storage"] = "AccountName=acct;AccountKey=%%secret%%" }));

        Assert.Contains("'Storage'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("%%secret%%", e.Message, StringComparison.Ordinal);
    }

    private static StorageConnection Resolve(Dictionary<string, string?> settings) =>
        StorageConnection.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), "Storage");
}

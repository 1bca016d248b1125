using System.Text.Json.Nodes;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>The storage account: Entra ID only, TLS 1.2, nothing public.</summary>
public sealed class StorageTemplateTests
{
    private static readonly ModuleDeployment StorageModule = CompiledInfrastructure.Instance.ModuleDeclaring("Microsoft.Storage/storageAccounts");
    private static readonly JsonObject Account = StorageModule.Resource("Microsoft.Storage/storageAccounts");

    [Fact]
    public void SharedKeyAccessIsDisabledSoNoKeyOrSasCanBeUsed()
    {
        Assert.False((bool?)Account["properties"]!["allowSharedKeyAccess"]);
        Assert.True((bool?)Account["properties"]!["defaultToOAuthAuthentication"]);
    }

    [Fact]
    public void OnlyTls12OverHttpsIsAccepted()
    {
        Assert.Equal("TLS1_2", (string?)Account["properties"]!["minimumTlsVersion"]);
        Assert.True((bool?)Account["properties"]!["supportsHttpsTrafficOnly"]);
    }

    [Fact]
    public void NoBlobIsPubliclyReadable()
    {
        Assert.False((bool?)Account["properties"]!["allowBlobPublicAccess"]);
        var container = StorageModule.Resource("Microsoft.Storage/storageAccounts/blobServices/containers");
        Assert.Equal("None", (string?)container["properties"]!["publicAccess"]);
    }

    [Fact]
    public void DeploymentContainerIsTheOneTheFunctionAppPullsFrom()
    {
        var functionAppModule = CompiledInfrastructure.Instance.ModuleDeclaring("Microsoft.Web/sites");

        Assert.Equal(
            StorageModule.Argument("deploymentContainerName")?.ToJsonString(),
            functionAppModule.Argument("deploymentContainerName")?.ToJsonString());
    }
}

using System.Text.Json.Nodes;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>Application Insights, Key Vault and Communication Services: identity-only access, no local keys.</summary>
public sealed class PlatformServicesTemplateTests
{
    private static readonly CompiledInfrastructure Infrastructure = CompiledInfrastructure.Instance;

    [Fact]
    public void TelemetryIsAcceptedOnlyWithEntraId()
    {
        var monitoring = Infrastructure.ModuleDeclaring("Microsoft.Insights/components");

        Assert.True((bool?)monitoring.Resource("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]);
        Assert.True((bool?)monitoring.Resource("Microsoft.OperationalInsights/workspaces")["properties"]!["features"]!["disableLocalAuth"]);
    }

    [Fact]
    public void FunctionAppSendsTelemetryWithItsManagedIdentity()
    {
        var authentication = Infrastructure.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];

        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", authentication);
        Assert.Matches(@"^\[reference\('applicationInsights'\)\.ConnectionString\]$", Infrastructure.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void KeyVaultUsesRbacAndNoAccessPolicies()
    {
        var vault = Infrastructure.ModuleDeclaring("Microsoft.KeyVault/vaults").Resource("Microsoft.KeyVault/vaults");
        var properties = vault["properties"]!.AsObject();

        Assert.True((bool?)properties["enableRbacAuthorization"]);
        Assert.True((bool?)properties["enableSoftDelete"]);
        Assert.False(properties.ContainsKey("accessPolicies"), "RBAC mode: access policies must not be used.");
    }

    [Fact]
    public void EmailGoesOutThroughAnAzureManagedDomainLinkedToCommunicationServices()
    {
        var communication = Infrastructure.ModuleDeclaring("Microsoft.Communication/communicationServices");
        var domain = communication.Resource("Microsoft.Communication/emailServices/domains");
        var service = communication.Resource("Microsoft.Communication/communicationServices");

        Assert.Contains("'AzureManagedDomain'", (string?)domain["name"], StringComparison.Ordinal);
        Assert.Equal("AzureManaged", (string?)domain["properties"]!["domainManagement"]);
        Assert.Contains("Microsoft.Communication/emailServices/domains", service["properties"]!["linkedDomains"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SenderAddressIsAnOutputAndTheAppSendsFromIt()
    {
        var outputs = Infrastructure.Main["outputs"]!.AsObject();
        var functionAppModule = Infrastructure.ModuleDeclaring("Microsoft.Web/sites");
        var senderSetting = Infrastructure.AppSettings.Single(setting => setting.Key.EndsWith("SenderAddress", StringComparison.Ordinal));

        Assert.Contains("outputs.senderAddress", (string?)outputs["NOTIFICATIONS_SENDER_ADDRESS"]!["value"], StringComparison.Ordinal);
        Assert.Contains("outputs.senderAddress", functionAppModule.ResolveInMain(senderSetting.Value), StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>The Flex Consumption plan and the custom-handler function app as main.bicep deploys them.</summary>
public sealed class FunctionAppTemplateTests
{
    private static readonly CompiledInfrastructure Infrastructure = CompiledInfrastructure.Instance;
    private static readonly ModuleDeployment FunctionAppModule = Infrastructure.ModuleDeclaring("Microsoft.Web/sites");
    private static readonly JsonObject Site = FunctionAppModule.Resource("Microsoft.Web/sites");
    private static readonly JsonObject FunctionAppConfig = Site["properties"]!["functionAppConfig"]!.AsObject();

    // Flex Consumption takes runtime, version and package location from functionAppConfig and rejects or ignores
    // these classic app settings; setting them anyway is the most common way to break a Flex app.
    private static readonly string[] SettingsFlexConsumptionRejects =
    [
        "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_WORKER_RUNTIME_VERSION",
        "FUNCTIONS_EXTENSION_VERSION",
        "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTSHARE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
        "WEBSITE_NODE_DEFAULT_VERSION",
        "WEBSITE_TIME_ZONE",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
        "ENABLE_ORYX_BUILD",
        "AzureWebJobsStorage",
    ];

    [Fact]
    public void PlanIsFlexConsumptionOnLinux()
    {
        var plan = FunctionAppModule.Resource("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool?)plan["properties"]!["reserved"], "A Linux plan has reserved = true.");
        Assert.Equal("functionapp,linux", (string?)Site["kind"]);
    }

    [Fact]
    public void AppRunsTheCustomHandlerRuntime()
    {
        Assert.Equal("custom", (string?)FunctionAppConfig["runtime"]!["name"]);
        Assert.Equal("1.0", (string?)FunctionAppConfig["runtime"]!["version"]);
    }

    [Fact]
    public void PackageIsPulledFromTheDeploymentContainerWithTheUserAssignedIdentity()
    {
        var storage = FunctionAppConfig["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Contains("deploymentContainerName", (string?)storage["value"], StringComparison.Ordinal);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Equal("[parameters('identityResourceId')]", (string?)storage["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Contains("outputs.resourceId", FunctionAppModule.ResolveInMain("[parameters('identityResourceId')]"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("instanceMemoryMB")]
    [InlineData("maximumInstanceCount")]
    public void ScaleSettingsAreParametersOfMain(string parameter)
    {
        Assert.Equal($"[parameters('{parameter}')]", (string?)FunctionAppConfig["scaleAndConcurrency"]![parameter]);
        Assert.Equal($"[parameters('{parameter}')]", (string?)FunctionAppModule.Argument(parameter));
        Assert.True(Infrastructure.Main["parameters"]!.AsObject().ContainsKey(parameter), $"main.bicep should declare {parameter}.");
    }

    [Fact]
    public void AppRunsAsTheOneUserAssignedIdentityOnly()
    {
        var identities = Infrastructure.AllResources
            .Where(entry => (string?)entry.Resource["type"] == "Microsoft.ManagedIdentity/userAssignedIdentities")
            .ToList();

        Assert.Single(identities);
        Assert.Equal("UserAssigned", (string?)Site["identity"]!["type"]);
        Assert.Equal(["[format('{0}', parameters('identityResourceId'))]"],
            Site["identity"]!["userAssignedIdentities"]!.AsObject().Select(pair => pair.Key));
    }

    [Fact]
    public void AppSettingsContainNothingFlexConsumptionRejects()
    {
        var rejected = Infrastructure.AppSettings.Keys.Intersect(SettingsFlexConsumptionRejects, StringComparer.OrdinalIgnoreCase);

        Assert.Empty(rejected);
    }

    [Fact]
    public void OnlyHttpsAndEntraIdDeploymentsAreAccepted()
    {
        Assert.True((bool?)Site["properties"]!["httpsOnly"]);
        Assert.Equal("1.2", (string?)Site["properties"]!["siteConfig"]!["minTlsVersion"]);
        Assert.Equal("Disabled", (string?)Site["properties"]!["siteConfig"]!["ftpsState"]);

        var publishingCredentials = FunctionAppModule.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, publishingCredentials.Count);
        Assert.All(publishingCredentials, policy => Assert.False((bool?)policy["properties"]!["allow"]));
    }

    [Fact]
    public void AppCarriesTheAzdServiceTagOfAzureYaml()
    {
        Assert.Contains("azd-service-name", (string?)Site["tags"], StringComparison.Ordinal);
        Assert.Equal(AzdProject.Load().ServiceName, (string?)Infrastructure.ResolveMainVariable(FunctionAppModule.Argument("serviceName")));
    }
}

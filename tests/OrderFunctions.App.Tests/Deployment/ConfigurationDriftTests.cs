using System.Globalization;
using System.Text.Json.Nodes;
using OrderFunctions.App.Configuration;
using OrderFunctions.App.Notifications.Digests;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Workflow.Hosting;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>
/// Config drift (DESIGN D8): the app settings main.bicep deploys name exactly the options the app validates at start
/// and the settings and connections its function catalog references; the tables and queues the app uses are created.
/// (local.settings.sample.json against the same lists: Configuration/AppOptionsTests.)
/// </summary>
public sealed class ConfigurationDriftTests
{
    private static readonly IReadOnlyDictionary<string, string> Deployed = CompiledInfrastructure.Instance.AppSettings;
    private static readonly FunctionCatalog Catalog = AppFunctions.Create();

    // The Functions host's own storage: not in the catalog (no function names it), read by the host itself.
    private const string HostStorageConnection = "AzureWebJobsStorage";

    // Read by the Functions host, not by the app's code: telemetry with Entra ID (the component has local auth off).
    private static readonly string[] HostSettings =
    [
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    ];

    // Options the app validates but that only make sense on a developer machine, so Azure never gets them:
    private static readonly string[] LocalOnlyOptionKeys =
    [
        // an ACS access key; in Azure the app sends with its managed identity (Notifications__Credential)
        "Notifications__ConnectionString",
        // where Notifications__Mode=File writes .eml files; Azure uses Mode=Acs
        "Notifications__FileFolder",
        // a JSON file of connector secrets for local development; Azure reads them from Key Vault (Secrets__KeyVaultUri)
        "Secrets__LocalFile",
    ];

    // The identity-based form of a connection, as the host and the app's storage clients resolve it (DESIGN D4).
    private static readonly string[] IdentityConnectionProperties =
        ["blobServiceUri", "queueServiceUri", "tableServiceUri", "credential", "clientId"];

    private static IEnumerable<string> OptionKeysForAzure =>
        AppOptions.Sections.Where(section => !section.StandaloneOnly)
            .SelectMany(section => section.AppSettingKeys)
            .Except(LocalOnlyOptionKeys, StringComparer.Ordinal);

    private static IEnumerable<string> Connections => Catalog.Connections.Append(HostStorageConnection).Distinct(StringComparer.Ordinal);

    [Fact]
    public void EveryOptionTheAppValidatesForAzureIsDeployed()
    {
        var missing = OptionKeysForAzure.Where(key => !Deployed.ContainsKey(key));

        Assert.Empty(missing);
    }

    [Fact]
    public void EverySettingAFunctionReferencesIsDeployed()
    {
        var missing = Catalog.ReferencedSettings.Where(setting => !Deployed.ContainsKey(setting));

        Assert.Empty(missing);
    }

    [Fact]
    public void EveryFunctionConnectionIsIdentityBasedInAzure()
    {
        var functionAppModule = CompiledInfrastructure.Instance.ModuleDeclaring("Microsoft.Web/sites");

        foreach (var connection in Connections)
        {
            Assert.True(Deployed.ContainsKey($"{connection}__queueServiceUri"), $"{connection}__queueServiceUri is not deployed.");
            Assert.Equal("managedidentity", functionAppModule.ResolveVariable(Deployed.GetValueOrDefault($"{connection}__credential") ?? ""));
            Assert.Contains("outputs.clientId", functionAppModule.ResolveInMain(Deployed.GetValueOrDefault($"{connection}__clientId") ?? ""), StringComparison.Ordinal);
            Assert.False(Deployed.ContainsKey(connection), $"{connection} would be a connection string, which wins over the identity settings.");
        }
    }

    [Fact]
    public void NoDeployedSettingIsUnknownToTheApp()
    {
        var known = OptionKeysForAzure
            .Concat(Catalog.ReferencedSettings)
            .Concat(Connections.SelectMany(connection => IdentityConnectionProperties.Select(property => $"{connection}__{property}")))
            .Concat(HostSettings)
            .ToHashSet(StringComparer.Ordinal);

        var unknown = Deployed.Keys.Where(key => !known.Contains(key));

        Assert.Empty(unknown);
    }

    [Fact]
    public void NothingLocalOnlyIsDeployed()
    {
        var standaloneKeys = AppOptions.Sections.Where(section => section.StandaloneOnly).SelectMany(section => section.AppSettingKeys);

        Assert.Empty(Deployed.Keys.Intersect(standaloneKeys.Concat(LocalOnlyOptionKeys), StringComparer.Ordinal));
        Assert.DoesNotContain(Deployed.Keys, key => key.StartsWith("Standalone__", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryQueueAFunctionTriggersOnIsCreated()
    {
        // Queue names given as %Setting% are resolved per deployment; the fixed ones must exist in the account.
        var triggered = Catalog.Definitions.Select(definition => definition.Trigger).OfType<QueueTrigger>()
            .Select(trigger => trigger.QueueName)
            .Where(name => !name.StartsWith('%'))
            .ToList();

        Assert.NotEmpty(triggered);
        Assert.All(triggered, name => Assert.Contains(name, CreatedStorage("queueNames")));
    }

    [Fact]
    public void TheTablesAndQueuesTheAppUsesAreExactlyTheOnesCreated()
    {
        var names = new WorkflowStorageNames();
        string[] tables = [.. names.Tables, NewOrdersDigestOutbox.TableName, OrderFunctions.App.Api.Webhooks.WebhookDeliveries.TableName];
        string[] queues = [.. names.Queues, NewOrdersDigestOutbox.QueueName];

        Assert.Equal(tables.Order(StringComparer.Ordinal), CreatedStorage("tableNames").Order(StringComparer.Ordinal));
        Assert.Equal(queues.Order(StringComparer.Ordinal), CreatedStorage("queueNames").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DeployedMaxDequeueCountIsTheOneInHostJson()
    {
        // The workflow marks an order Failed on the attempt the host would otherwise poison; the two must agree.
        var hostJson = JsonNode.Parse(RepositoryLayout.ReadAllText(Path.Combine(RepositoryLayout.Root, "host.json")))!;
        var hostMaxDequeueCount = (int)hostJson["extensions"]!["queues"]!["maxDequeueCount"]!;

        Assert.Equal(hostMaxDequeueCount.ToString(CultureInfo.InvariantCulture), Deployed["Workflow__MaxDequeueCount"]);
    }

    [Fact]
    public void DeployedSchedulesAreValidNcrontab()
    {
        var functionAppModule = CompiledInfrastructure.Instance.ModuleDeclaring("Microsoft.Web/sites");
        var defaults = functionAppModule.Template["parameters"]!.AsObject();

        foreach (var setting in Catalog.ReferencedSettings.Where(setting => setting.EndsWith("Schedule", StringComparison.Ordinal)))
        {
            // Schedules are module parameters with defaults: the value Azure gets unless an operator overrides it.
            var parameter = CompiledInfrastructure.ParameterReference().Match(Deployed[setting]).Groups["name"].Value;
            var schedule = (string?)defaults[parameter]?["defaultValue"];

            Assert.True(schedule is not null && FunctionCatalog.IsValidCron(schedule), $"{setting} = '{schedule}' is not a 6-field NCRONTAB schedule.");
        }
    }

    private static IReadOnlyList<string> CreatedStorage(string storageModuleParameter)
    {
        var storageModule = CompiledInfrastructure.Instance.ModuleDeclaring("Microsoft.Storage/storageAccounts");
        return [.. CompiledInfrastructure.Instance.ResolveMainVariable(storageModule.Argument(storageModuleParameter))!.AsArray().Select(name => (string)name!)];
    }
}

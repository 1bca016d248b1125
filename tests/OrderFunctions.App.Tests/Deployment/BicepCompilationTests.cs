namespace OrderFunctions.App.Tests.Deployment;

/// <summary>infra/ compiles and lints with no diagnostic at all: warnings fail too (bicepconfig.json explains the rules).</summary>
public sealed class BicepCompilationTests
{
    [Fact]
    public void MainBicepCompilesWithoutAnyDiagnostic()
    {
        // The compilation every other Deployment test inspects; it failing fails them all, with the reason.
        var compiled = CompiledInfrastructure.Instance;

        Assert.True(compiled.Diagnostics.Length == 0, $"bicep build reported diagnostics:\n{compiled.Diagnostics}");
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", (string?)compiled.Main["$schema"]);
    }

    [Fact]
    public void MainBicepAndEveryModuleLintClean()
    {
        // Linting main.bicep lints every module it references.
        var result = BicepCli.Run("lint", RepositoryLayout.MainBicep);

        Assert.True(result.ExitCode == 0 && result.Diagnostics.Length == 0, $"bicep lint reported:\n{result.Diagnostics}");
    }

    // What azd (from the azd environment) or the pipeline (from its variables) puts in the environment.
    private static readonly Dictionary<string, string> DeploymentEnvironment = new()
    {
        ["AZURE_ENV_NAME"] = "orderfunctions-test",
        ["AZURE_LOCATION"] = "westeurope",
        ["NOTIFICATIONS_DEFAULT_RECIPIENT"] = "operator@example.com",
    };

    [Fact]
    public void ParameterFileCompilesAndLintsClean()
    {
        var build = BicepCli.Run(DeploymentEnvironment, "build-params", RepositoryLayout.MainBicepParam, "--stdout");
        var lint = BicepCli.Run(DeploymentEnvironment, "lint", RepositoryLayout.MainBicepParam);

        Assert.True(build.ExitCode == 0 && build.StandardError.Trim().Length == 0, $"bicep build-params reported:\n{build.StandardError}");
        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Length == 0, $"bicep lint main.bicepparam reported:\n{lint.Diagnostics}");
    }

    [Fact]
    public void ParameterFileWithoutANotificationRecipientFailsNamingTheVariable()
    {
        var environment = DeploymentEnvironment.Where(variable => variable.Key != "NOTIFICATIONS_DEFAULT_RECIPIENT")
            .ToDictionary(variable => variable.Key, variable => variable.Value);

        var build = BicepCli.Run(environment, "build-params", RepositoryLayout.MainBicepParam, "--stdout");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("NOTIFICATIONS_DEFAULT_RECIPIENT", build.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBicepFileIsReachableFromMain()
    {
        // A module main.bicep no longer references would escape compilation and linting silently.
        var compiledModules = CompiledInfrastructure.Instance.Modules.Count;
        var moduleFiles = Directory.GetFiles(RepositoryLayout.InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Where(path => path != RepositoryLayout.MainBicep)
            .ToList();

        Assert.Equal(moduleFiles.Count, compiledModules);
    }

    [Fact]
    public void EveryParameterIsDescribedAsRequiredOrOptional()
    {
        // Azure Verified Modules convention: "Required. …" for parameters without a default, "Optional. …" otherwise.
        var templates = CompiledInfrastructure.Instance.Modules.Select(module => (module.Name, module.Template))
            .Prepend(("main", CompiledInfrastructure.Instance.Main));

        foreach (var (name, template) in templates)
        {
            foreach (var (parameter, definition) in template["parameters"]!.AsObject())
            {
                var description = (string?)definition!["metadata"]?["description"] ?? "";
                var expected = definition.AsObject().ContainsKey("defaultValue") ? "Optional. " : "Required. ";
                Assert.True(description.StartsWith(expected, StringComparison.Ordinal),
                    $"Parameter '{parameter}' of '{name}' should be described as \"{expected}…\", is \"{description}\".");
            }
        }
    }

    [Fact]
    public void ModulesOutputTheirNameAndResourceId()
    {
        foreach (var module in CompiledInfrastructure.Instance.Modules.Where(module => module.Name != "rbac"))
        {
            var outputs = module.Template["outputs"]!.AsObject();
            Assert.True(outputs.ContainsKey("name") && outputs.ContainsKey("resourceId"),
                $"Module '{module.Name}' should output name and resourceId (outputs: {string.Join(", ", outputs.Select(o => o.Key))}).");
        }
    }
}

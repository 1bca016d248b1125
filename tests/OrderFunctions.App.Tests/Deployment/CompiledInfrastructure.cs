using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>
/// infra/main.bicep compiled by the real Bicep CLI into ARM JSON, compiled once per test run. Tests inspect what
/// Azure would receive (module parameters, resources, app settings, role assignments, outputs), not the Bicep text.
/// </summary>
internal sealed partial class CompiledInfrastructure
{
    private static readonly Lazy<CompiledInfrastructure> Compiled = new(Compile);

    private CompiledInfrastructure(JsonObject main, string diagnostics)
    {
        Main = main;
        Diagnostics = diagnostics;
        Modules = Resources(main)
            .Where(resource => (string?)resource["type"] == "Microsoft.Resources/deployments")
            .Select(resource => new ModuleDeployment(
                (string)resource["name"]!,
                resource["properties"]!["parameters"]!.AsObject(),
                resource["properties"]!["template"]!.AsObject()))
            .ToList();
    }

    public static CompiledInfrastructure Instance => Compiled.Value;

    public JsonObject Main { get; }

    /// <summary>What <c>bicep build</c> reported besides the template: compiler and linter diagnostics, if any.</summary>
    public string Diagnostics { get; }

    public IReadOnlyList<ModuleDeployment> Modules { get; }

    /// <summary>Every resource declared anywhere in the deployment (modules included), with the module declaring it.</summary>
    public IEnumerable<(ModuleDeployment Module, JsonObject Resource)> AllResources =>
        Modules.SelectMany(module => module.Resources.Select(resource => (module, resource)));

    public ModuleDeployment ModuleDeclaring(string resourceType)
    {
        var modules = Modules.Where(module => module.ResourcesOfType(resourceType).Any()).ToList();
        Assert.True(modules.Count == 1, $"Expected exactly one module to declare {resourceType}, found {modules.Count}.");
        return modules[0];
    }

    /// <summary>The function app's app settings: name → value expression, as the site resource declares them.</summary>
    public IReadOnlyDictionary<string, string> AppSettings
    {
        get
        {
            var site = ModuleDeclaring("Microsoft.Web/sites").Resource("Microsoft.Web/sites");
            return site["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
                .Select(setting => setting!.AsObject())
                .ToDictionary(setting => (string)setting["name"]!, setting => (string)setting["value"]!, StringComparer.Ordinal);
        }
    }

    /// <summary><c>[variables('x')]</c> of main.bicep becomes x's compiled value; anything else is returned as is.</summary>
    public JsonNode? ResolveMainVariable(JsonNode? value)
    {
        var reference = value is JsonValue text && text.TryGetValue<string>(out var expression)
            ? VariableReference().Match(expression)
            : Match.Empty;
        return reference.Success ? Main["variables"]![reference.Groups["name"].Value] : value;
    }

    /// <summary>The resources a template deploys; references to existing resources are left out.</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template)
    {
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(resource => resource!.AsObject()),
            // Templates of Bicep language version 2.0 (user-defined types) key resources by symbolic name and list
            // `existing` references among them.
            JsonObject symbolic => symbolic.Select(pair => pair.Value!.AsObject()),
            _ => [],
        };
        return resources.Where(resource => (bool?)resource["existing"] != true);
    }

    /// <summary>Every string anywhere in the compiled deployment: literals and ARM expressions alike.</summary>
    public IEnumerable<string> AllStrings() => Strings(Main);

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node switch
        {
            JsonObject obj => obj.SelectMany(pair => Strings(pair.Value).Prepend(pair.Key)),
            JsonArray array => array.SelectMany(Strings),
            JsonValue value when value.TryGetValue<string>(out var text) => [text],
            _ => [],
        };

    private static CompiledInfrastructure Compile()
    {
        var result = BicepCli.Run("build", RepositoryLayout.MainBicep, "--stdout");
        Assert.True(result.ExitCode == 0, $"bicep build infra/main.bicep failed:\n{result.StandardError}");
        return new CompiledInfrastructure(JsonNode.Parse(result.StandardOutput)!.AsObject(), result.StandardError.Trim());
    }

    [GeneratedRegex(@"^\[parameters\('(?<name>[^']+)'\)\]$")]
    internal static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    internal static partial Regex VariableReference();
}

/// <summary>One module of main.bicep as compiled: the parameter values main passes, and the module's template.</summary>
internal sealed record ModuleDeployment(string Name, JsonObject Parameters, JsonObject Template)
{
    public IEnumerable<JsonObject> Resources => CompiledInfrastructure.Resources(Template);

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Resource(string type)
    {
        var matches = ResourcesOfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type} in module '{Name}', found {matches.Count}.");
        return matches[0];
    }

    /// <summary><c>[variables('x')]</c> of this module becomes x's compiled value; anything else is returned as is.</summary>
    public string ResolveVariable(string value)
    {
        var reference = CompiledInfrastructure.VariableReference().Match(value);
        return reference.Success ? (string?)Template["variables"]?[reference.Groups["name"].Value] ?? value : value;
    }

    /// <summary>The value main.bicep passes for a module parameter (a literal or an ARM expression).</summary>
    public JsonNode? Argument(string parameter) => Parameters[parameter]?["value"];

    /// <summary>
    /// Follows a value of this module back to main.bicep: <c>[parameters('x')]</c> becomes what main passes for x;
    /// anything else is returned as is.
    /// </summary>
    public string ResolveInMain(string value)
    {
        var reference = CompiledInfrastructure.ParameterReference().Match(value);
        if (!reference.Success)
        {
            return value;
        }

        var argument = Argument(reference.Groups["name"].Value);
        return argument is JsonValue text && text.TryGetValue<string>(out var literal) ? literal : argument?.ToJsonString() ?? value;
    }
}

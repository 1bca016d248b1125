using System.Text.RegularExpressions;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>
/// No key, connection string with a secret, SAS or token in infra/, the pipeline or azure.yaml, none fetched at
/// deployment time (list*() calls) and none in an output: every connection is identity-based.
/// </summary>
public sealed partial class SecretHygieneTests
{
    private static readonly CompiledInfrastructure Infrastructure = CompiledInfrastructure.Instance;

    public static TheoryData<string> DeploymentFiles()
    {
        var files = Directory.GetFiles(RepositoryLayout.InfraDirectory, "*", SearchOption.AllDirectories)
            .Append(RepositoryLayout.AzureYaml)
            .Append(RepositoryLayout.AzurePipelines)
            .Select(path => Path.GetRelativePath(RepositoryLayout.Root, path));
        return new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(DeploymentFiles))]
    public void DeploymentFileHoldsNoSecretShapedValue(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryLayout.Root, relativePath));

        var findings = SecretShapes.Select(shape => shape.Match(text)).Where(match => match.Success).Select(match => match.Value);

        Assert.Empty(findings);
    }

    [Fact]
    public void NoSecretIsFetchedDuringDeployment()
    {
        // listKeys(), listConnectionStrings(), listAccountSas(), listSecrets(), … all read secrets into the template.
        var listCalls = Infrastructure.AllStrings().Where(value => ListFunctionCall().IsMatch(value));

        Assert.Empty(listCalls);
    }

    [Fact]
    public void NoParameterTakesASecret()
    {
        var templates = Infrastructure.Modules.Select(module => module.Template).Prepend(Infrastructure.Main);
        var secureParameters = templates
            .SelectMany(template => template["parameters"]!.AsObject())
            .Where(parameter => ((string?)parameter.Value!["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
            .Select(parameter => parameter.Key);

        Assert.Empty(secureParameters);
    }

    [Fact]
    public void NoOutputIsNamedOrComputedLikeASecret()
    {
        var templates = Infrastructure.Modules.Select(module => (module.Name, module.Template)).Prepend((Name: "main", Template: Infrastructure.Main));
        var suspicious = templates
            .SelectMany(entry => (entry.Template["outputs"]?.AsObject() ?? []).Select(output => (entry.Name, Output: output)))
            .Where(entry => SecretName().IsMatch(entry.Output.Key)
                || ListFunctionCall().IsMatch(entry.Output.Value!["value"]?.ToJsonString() ?? "")
                || ((string?)entry.Output.Value!["type"])?.StartsWith("secure", StringComparison.OrdinalIgnoreCase) == true)
            .Select(entry => $"{entry.Name}: {entry.Output.Key}");

        Assert.Empty(suspicious);
    }

    [Fact]
    public void NoAppSettingHoldsAConnectionStringWithASecret()
    {
        // Identity-based connections are <Prefix>__<property>; the bare <Prefix> (or AzureWebJobs<Prefix>) would be a
        // connection string, which the host prefers over the identity settings. APPLICATIONINSIGHTS_CONNECTION_STRING
        // is the one connection string allowed: it names the component, holds no credential, and ingestion needs
        // Entra ID because the component has local auth disabled.
        var settings = Infrastructure.AppSettings;
        var connectionPrefixes = settings.Keys
            .Where(name => name.EndsWith("__credential", StringComparison.Ordinal))
            .Select(name => name[..^"__credential".Length])
            .ToList();
        var connectionStrings = settings.Keys
            .Where(name => connectionPrefixes.Any(prefix => name == prefix || name == "AzureWebJobs" + prefix)
                || (name.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && name != "APPLICATIONINSIGHTS_CONNECTION_STRING")
                || name.EndsWith("__connectionString", StringComparison.OrdinalIgnoreCase));
        var secretValues = settings.Where(setting => SecretShapes.Any(shape => shape.IsMatch(setting.Value))).Select(setting => setting.Key);

        Assert.Contains("AzureWebJobsStorage", connectionPrefixes);
        Assert.Empty(connectionStrings);
        Assert.Empty(secretValues);
    }

    // Shapes of credentials as they appear in connection strings, URLs and key material.
    private static readonly Regex[] SecretShapes =
    [
        new("AccountKey=", RegexOptions.IgnoreCase),
        new("SharedAccessKey(Name)?=", RegexOptions.IgnoreCase),
        new("SharedAccessSignature=", RegexOptions.IgnoreCase),
        new(@"[?&]sig=[A-Za-z0-9%]", RegexOptions.IgnoreCase),
        new("InstrumentationKey=", RegexOptions.IgnoreCase),
        new(@"(?<![\w-])accesskey=", RegexOptions.IgnoreCase),
        new("UseDevelopmentStorage=true", RegexOptions.IgnoreCase),
        new("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
        // A storage or ACS account key: 64 random bytes in base64.
        new(@"[A-Za-z0-9+/]{86}=="),
        new(@"\blistKeys\(|\blistConnectionStrings\(|\blistAccountSas\(|\blistServiceSas\(|\blistSecrets\("),
        new(@"client_secret|clientSecret\s*[:=]", RegexOptions.IgnoreCase),
    ];

    [GeneratedRegex(@"\blist[A-Za-z]*\(")]
    private static partial Regex ListFunctionCall();

    // "key" except in "key vault" (AZURE_KEY_VAULT_NAME names a resource, not a key).
    [GeneratedRegex(@"key(?!_?vault)|secret|password|connectionstring|token|\bsas\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}

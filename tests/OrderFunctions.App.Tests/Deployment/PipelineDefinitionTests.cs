using System.Text.RegularExpressions;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>azure-pipelines.yml: valid YAML, the same scripts as .ci/run, validation, approved deployment, smoke test.</summary>
public sealed partial class PipelineDefinitionTests
{
    private static readonly IReadOnlyDictionary<object, object?> Pipeline = YamlFile.Load(RepositoryLayout.AzurePipelines);

    [Fact]
    public void PipelineHasBuildValidateAndDeployStages()
    {
        Assert.Equal(["Build", "ValidateInfra", "Deploy"], Stages.Select(stage => stage.Text("stage")));
    }

    [Fact]
    public void BuildRunsTheSameScriptsAsCi()
    {
        var ciScripts = ScriptReference().Matches(RepositoryLayout.ReadAllText(RepositoryLayout.CiRun)).Select(match => match.Value).ToHashSet();
        var buildScripts = Steps(Stage("Build")).SelectMany(step => ScriptReference().Matches(StepScript(step)).Select(match => match.Value)).ToList();

        Assert.NotEmpty(ciScripts);
        Assert.Superset(ciScripts, buildScripts.ToHashSet());
        Assert.Contains("scripts/test.sh", buildScripts);
        Assert.True(buildScripts.IndexOf("scripts/test.sh") < buildScripts.IndexOf("scripts/publish.sh"),
            "The package is published only after the tests pass.");
    }

    [Fact]
    public void PublishedPackageIsThePipelineArtifactThatIsDeployed()
    {
        var published = Steps(Stage("Build")).Where(step => step.ContainsKey("publish")).Select(step => step.Text("publish")).ToList();
        var deployScripts = string.Join('\n', DeploySteps.Select(StepScript));

        Assert.Contains("artifacts/$(packageZip)", published);
        Assert.Contains("infra", published);
        Assert.Contains("az functionapp deployment source config-zip", deployScripts, StringComparison.Ordinal);
        Assert.Contains("$(packageArtifact)/$(packageZip)", deployScripts, StringComparison.Ordinal);
    }

    [Fact]
    public void InfraIsCompiledAndLintedAndWhatIfRunsOnPullRequests()
    {
        var jobs = Stage("ValidateInfra").List("jobs").Maps().ToList();
        var lint = string.Join('\n', Steps(jobs.Single(job => job.Text("job") == "CompileAndLint")).Select(StepScript));
        var whatIf = jobs.Single(job => job.Text("job") == "WhatIf");

        Assert.Contains("az bicep build --file infra/main.bicep", lint, StringComparison.Ordinal);
        Assert.Contains("az bicep lint --file infra/main.bicep", lint, StringComparison.Ordinal);
        Assert.Equal("eq(variables['Build.Reason'], 'PullRequest')", whatIf.Text("condition"));
        Assert.Contains("az deployment group what-if", string.Join('\n', Steps(whatIf).Select(StepScript)), StringComparison.Ordinal);
    }

    [Fact]
    public void DeploymentRunsOnMainOnlyThroughAnApprovedEnvironment()
    {
        var deploy = Stage("Deploy");
        var job = Assert.Single(deploy.List("jobs").Maps());

        Assert.Contains("ne(variables['Build.Reason'], 'PullRequest')", deploy.Text("condition"), StringComparison.Ordinal);
        Assert.Contains("eq(variables['Build.SourceBranch'], 'refs/heads/main')", deploy.Text("condition"), StringComparison.Ordinal);
        Assert.True(job.ContainsKey("deployment"), "Only a deployment job can wait for the environment's approval.");
        Assert.Equal("${{ variables.deploymentEnvironment }}", job.Text("environment"));
    }

    [Fact]
    public void InfraIsDeployedBeforeThePackageAndTheHealthEndpointIsCheckedWithTheFunctionKey()
    {
        var scripts = DeploySteps.Select(StepScript).ToList();
        var infra = scripts.FindIndex(script => script.Contains("az deployment group create", StringComparison.Ordinal));
        var package = scripts.FindIndex(script => script.Contains("config-zip", StringComparison.Ordinal));
        var smoke = scripts.FindIndex(script => script.Contains("/api/health", StringComparison.Ordinal));

        Assert.True(infra >= 0 && infra < package && package < smoke, $"Expected infra ({infra}) < package ({package}) < smoke test ({smoke}).");
        Assert.Contains("az functionapp keys list", scripts[smoke], StringComparison.Ordinal);
        Assert.Contains("x-functions-key", scripts[smoke], StringComparison.Ordinal);
        Assert.Contains("--fail", scripts[smoke], StringComparison.Ordinal);
    }

    [Fact]
    public void DeploymentOutputsThePipelineReadsExist()
    {
        var read = DeploySteps.SelectMany(step => OutputReference().Matches(StepScript(step)).Select(match => match.Groups["output"].Value)).ToList();
        var outputs = CompiledInfrastructure.Instance.Main["outputs"]!.AsObject();

        Assert.NotEmpty(read);
        Assert.All(read, output => Assert.True(outputs.ContainsKey(output), $"main.bicep has no output {output}."));
    }

    [Fact]
    public void EveryAzureStepUsesTheWorkloadIdentityServiceConnection()
    {
        var azureSteps = Stages.SelectMany(stage => stage.List("jobs").Maps()).SelectMany(Steps)
            .Where(step => step.OptionalText("task") == "AzureCLI@2")
            .ToList();

        Assert.NotEmpty(azureSteps);
        Assert.All(azureSteps, step => Assert.Equal("$(azureServiceConnection)", step.Map("inputs").Text("azureSubscription")));
    }

    [Fact]
    public void EveryVariableIsDocumentedInTheHeader()
    {
        var header = string.Concat(RepositoryLayout.ReadAllText(RepositoryLayout.AzurePipelines).Split('\n').TakeWhile(line => line.StartsWith('#')));
        var documented = new[] { "azureServiceConnection", "resourceGroupName", "location", "environmentName", "deploymentEnvironment", "notificationRecipient", "operatorPrincipalId" };

        Assert.All(documented, variable => Assert.True(Pipeline.Map("variables").ContainsKey(variable), $"Variable {variable} is not defined."));
        Assert.All(documented, variable => Assert.Contains(variable, header, StringComparison.Ordinal));
    }

    private static IEnumerable<IReadOnlyDictionary<object, object?>> Stages => Pipeline.List("stages").Maps();

    private static IReadOnlyDictionary<object, object?> Stage(string name) => Stages.Single(stage => stage.Text("stage") == name);

    private static IEnumerable<IReadOnlyDictionary<object, object?>> DeploySteps => Steps(Stage("Deploy"));

    /// <summary>The steps of a stage (all its jobs) or of a job, a deployment job's runOnce.deploy steps included.</summary>
    private static IEnumerable<IReadOnlyDictionary<object, object?>> Steps(IReadOnlyDictionary<object, object?> stageOrJob) =>
        stageOrJob.ContainsKey("jobs") ? stageOrJob.List("jobs").Maps().SelectMany(Steps)
        : stageOrJob.ContainsKey("deployment") ? stageOrJob.Map("strategy").Map("runOnce").Map("deploy").List("steps").Maps()
        : stageOrJob.List("steps").Maps();

    /// <summary>What a step runs: a bash step's script or an AzureCLI@2 task's inline script.</summary>
    private static string StepScript(IReadOnlyDictionary<object, object?> step) =>
        step.OptionalText("bash") ?? step.OptionalText("script")
        ?? (step.ContainsKey("inputs") ? step.Map("inputs").OptionalText("inlineScript") : null) ?? "";

    [GeneratedRegex(@"scripts/[\w.-]+\.sh")]
    private static partial Regex ScriptReference();

    [GeneratedRegex(@"jq -r \.(?<output>\w+)\.value")]
    private static partial Regex OutputReference();
}

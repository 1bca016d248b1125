using System.Text.RegularExpressions;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>azure.yaml: `azd up` provisions infra/ and deploys the package scripts/publish.sh produces.</summary>
public sealed class AzdProjectTests
{
    private static readonly AzdProject Project = AzdProject.Load();

    [Fact]
    public void InfraIsTheBicepOfThisRepository()
    {
        var infra = Project.Document.Map("infra");

        Assert.Equal("bicep", infra.Text("provider"));
        Assert.True(File.Exists(Path.Combine(RepositoryLayout.Root, infra.Text("path"), infra.Text("module") + ".bicep")));
        Assert.True(File.Exists(Path.Combine(RepositoryLayout.Root, infra.Text("path"), infra.Text("module") + ".bicepparam")));
    }

    [Fact]
    public void TheServiceIsTheFunctionAppDeployedFromThePublishedPackage()
    {
        Assert.Equal("function", Project.Service.Text("host"));
        Assert.Equal("custom", Project.Service.Text("language"));
        Assert.Equal("artifacts/package", Project.Service.Text("dist"));
        Assert.Equal("false", Project.Service.Text("remoteBuild"));
    }

    [Fact]
    public void PackagingRunsThePublishScriptFirst()
    {
        var prepackage = Project.Service.Map("hooks").Map("prepackage");

        Assert.Equal("./scripts/publish.sh", prepackage.Text("run"));
    }

    [Fact]
    public void PublishScriptWritesTheFolderAzdDeploysAndTheZipThePipelineDeploys()
    {
        // scripts/publish.sh: output defaults to $root/<dir>, the package folder is $output/<folder>, the zip
        // $output/<zip>. azure.yaml's dist and the pipeline's artifact must follow it.
        var script = RepositoryLayout.ReadAllText(Path.Combine(RepositoryLayout.Root, "scripts", "publish.sh"));
        var output = Regex.Match(script, @"^output=""\$root/(?<dir>[^""]+)""", RegexOptions.Multiline).Groups["dir"].Value;
        var package = Regex.Match(script, @"^package=""\$output/(?<folder>[^""]+)""", RegexOptions.Multiline).Groups["folder"].Value;
        var zip = Regex.Match(script, @"^zipfile=""\$output/(?<zip>[^""]+)""", RegexOptions.Multiline).Groups["zip"].Value;
        var pipelineVariables = YamlFile.Load(RepositoryLayout.AzurePipelines).Map("variables");

        Assert.Equal($"{output}/{package}", Project.Service.Text("dist"));
        Assert.Equal(zip, pipelineVariables.Text("packageZip"));
        Assert.Equal("artifacts", output);
    }
}

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
    public void PublishScriptWritesTheFolderAzdDeploys()
    {
        var publishScript = RepositoryLayout.ReadAllText(Path.Combine(RepositoryLayout.Root, "scripts", "publish.sh"));

        Assert.Contains(Project.Service.Text("dist"), publishScript, StringComparison.Ordinal);
    }
}

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>Paths of the deployment files in the repository.</summary>
internal static class RepositoryLayout
{
    public static string Root => RepositoryRoot.Path;

    public static string InfraDirectory => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(InfraDirectory, "main.bicep");

    public static string MainBicepParam => Path.Combine(InfraDirectory, "main.bicepparam");

    public static string RbacBicep => Path.Combine(InfraDirectory, "rbac.bicep");

    public static string AzureYaml => Path.Combine(Root, "azure.yaml");

    public static string AzurePipelines => Path.Combine(Root, "azure-pipelines.yml");

    public static string CiRun => Path.Combine(Root, ".ci", "run");

    public static string ReadAllText(string path)
    {
        Assert.True(File.Exists(path), $"Expected file {Path.GetRelativePath(Root, path)} to exist.");
        return File.ReadAllText(path);
    }
}

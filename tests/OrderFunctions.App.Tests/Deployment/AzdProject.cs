namespace OrderFunctions.App.Tests.Deployment;

/// <summary>azure.yaml: the one service azd deploys and where its infrastructure is.</summary>
internal sealed record AzdProject(
    IReadOnlyDictionary<object, object?> Document,
    string ServiceName,
    IReadOnlyDictionary<object, object?> Service)
{
    public static AzdProject Load()
    {
        var document = YamlFile.Load(RepositoryLayout.AzureYaml);
        var services = document.Map("services");
        Assert.True(services.Count == 1, $"azure.yaml should declare one service, declares {services.Count}.");
        var (name, service) = services.Single();
        return new AzdProject(document, Assert.IsType<string>(name), Assert.IsAssignableFrom<IReadOnlyDictionary<object, object?>>(service));
    }
}

namespace OrderFunctions.App.Tests.Packaging;

/// <summary>Runs <c>scripts/publish.sh</c> once for the packaging tests, into a temporary output directory.</summary>
public sealed class PublishedPackageFixture : IAsyncLifetime
{
    // A cold self-contained ReadyToRun publish takes about a minute on two busy cores.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly string output = Directory.CreateTempSubdirectory("publish-").FullName;

    public string Package => Path.Combine(output, "package");

    public string Zip => Path.Combine(output, "orderfunctions.zip");

    public string ScriptOutput { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using var publish = ChildProcess.Start("bash", [RepositoryRoot.File("scripts", "publish.sh"), "--output", output], RepositoryRoot.Path);
        var exitCode = await publish.WaitForExitAsync(PublishTimeout);
        ScriptOutput = publish.Output;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed with exit code {exitCode}:\n{ScriptOutput}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(output, recursive: true);
        return Task.CompletedTask;
    }
}

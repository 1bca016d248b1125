using System.IO.Compression;
using System.Net.Http.Json;
using System.Reflection.PortableExecutable;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrderFunctions.App.Startup;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App.Tests.Packaging;

/// <summary>The deployable package and zip that <c>scripts/publish.sh</c> produces (DESIGN D1, D2). Linux only, as
/// the package is (bash, linux-x64).</summary>
[SupportedOSPlatform("linux")]
[Collection(PublishedPackageCollection.Name)]
public class PublishedPackageTests(PublishedPackageFixture published)
{
    // The host gives the handler 30 s to answer its first probe; a healthy start takes well under one.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private static readonly IReadOnlyList<FunctionDefinition> Functions = AppFunctions.Create().Definitions;

    [Fact]
    public void HostJsonIsTheRepositoryRootOne()
    {
        Assert.Equal(File.ReadAllBytes(RepositoryRoot.File("host.json")), File.ReadAllBytes(Path.Combine(published.Package, "host.json")));
    }

    [Fact]
    public void EachCatalogFunctionHasItsFolderWithTheGeneratedFunctionJson()
    {
        Assert.All(Functions, function =>
            Assert.Equal(FunctionJson.Render(function), File.ReadAllText(Path.Combine(published.Package, function.Name, FunctionJson.FileName))));
    }

    [Fact]
    public void NoOtherFolderHoldsAFunctionJson()
    {
        var functionFolders = Directory.GetFiles(published.Package, FunctionJson.FileName, SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(published.Package, Path.GetDirectoryName(file)!));

        Assert.Equal(Functions.Select(f => f.Name).Order(StringComparer.Ordinal), functionFolders.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DefaultExecutablePathIsTheHandlerWithItsRunBit()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(published.Package, "host.json")))!;
        var executable = (string?)hostJson["customHandler"]?["description"]?["defaultExecutablePath"];

        Assert.Equal("handler", executable);
        var mode = File.GetUnixFileMode(Path.Combine(published.Package, executable!));
        Assert.Equal(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute, mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute));
    }

    [Fact]
    public void HandlerIsSelfContainedAndReadyToRun()
    {
        Assert.True(File.Exists(Path.Combine(published.Package, "libcoreclr.so")), "no runtime in the package: not self-contained for linux");
        using var assembly = new PEReader(File.OpenRead(Path.Combine(published.Package, "handler.dll")));
        Assert.True(assembly.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "handler.dll has no ReadyToRun code");
    }

    [Fact]
    public async Task ZipHoldsExactlyThePackageFilesWithTheHandlersRunBit()
    {
        await using var zip = await ZipFile.OpenReadAsync(published.Zip);
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName.TrimStart('.', '/'));
        var files = Directory.GetFiles(published.Package, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(published.Package, file).Replace('\\', '/'));

        Assert.Equal(files.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        var handlerMode = (UnixFileMode)((entries["handler"].ExternalAttributes >> 16) & 0x1FF);
        Assert.True(handlerMode.HasFlag(UnixFileMode.UserExecute), $"handler's mode in the zip is {handlerMode}");
        await using var hostJson = await entries["host.json"].OpenAsync();
        using var copy = new MemoryStream();
        await hostJson.CopyToAsync(copy);
        Assert.Equal(File.ReadAllBytes(RepositoryRoot.File("host.json")), copy.ToArray());
    }

    [Fact]
    public void ScriptSaysWhatItProduced()
    {
        Assert.Contains($"Package: {published.Package}", published.ScriptOutput, StringComparison.Ordinal);
        Assert.Contains($"Zip:     {published.Zip}", published.ScriptOutput, StringComparison.Ordinal);
        Assert.All(Functions, f => Assert.Contains($"{f.Name}/function.json", published.ScriptOutput, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishedHandlerStartsOnTheHostsPortAndAnswersReadiness()
    {
        var port = ChildProcess.FreePort();
        using var handler = ChildProcess.Start(
            Path.Combine(published.Package, "handler"),
            [],
            published.Package,
            new Dictionary<string, string?> { [ServeHostCommand.PortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };

        using var readiness = await ProbeUntilAnsweredAsync(client, handler);

        Assert.Equal(System.Net.HttpStatusCode.OK, readiness.StatusCode);
        var body = await readiness.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ready", body.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task PublishedHandlerWithoutTheHostsPortExitsWithAConfigurationError()
    {
        using var handler = ChildProcess.Start(
            Path.Combine(published.Package, "handler"),
            [],
            published.Package,
            new Dictionary<string, string?> { [ServeHostCommand.PortVariable] = null });

        var exitCode = await handler.WaitForExitAsync(StartTimeout);

        Assert.Equal(StartupException.ConfigurationExitCode, exitCode);
        Assert.Contains("FUNCTIONS_CUSTOMHANDLER_PORT is not set", handler.Output, StringComparison.Ordinal);
    }

    // Polls GET / as the host does (any answer means ready) until it answers, the process dies or time runs out.
    private static async Task<HttpResponseMessage> ProbeUntilAnsweredAsync(HttpClient client, ChildProcess handler)
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            Assert.False(handler.HasExited, $"The handler exited with {(handler.HasExited ? handler.ExitCode : 0)}:\n{handler.Output}");
            try
            {
                return await client.GetAsync(new Uri("/", UriKind.Relative), deadline.Token);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                Assert.Fail($"The handler did not answer GET / within {StartTimeout}:\n{handler.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }
}

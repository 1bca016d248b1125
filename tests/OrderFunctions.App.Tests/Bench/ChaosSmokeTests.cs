using OrderFunctions.App.Tests.Packaging;
using OrderFunctions.Bench;
using Xunit.Abstractions;

namespace OrderFunctions.App.Tests.Bench;

/// <summary>
/// The chaos command in small, as CI can afford it (issue 7): a few dozen orders over two lanes while the published
/// handler is SIGKILLed twice and restarted, then the same counts as <c>scripts/chaos.sh</c> from the simulators' own
/// records. Correctness only — nothing here is timed; the full run is the committed command.
/// </summary>
[Collection(PublishedPackageCollection.Name)]
public sealed class ChaosSmokeTests(PublishedPackageFixture published, ITestOutputHelper output)
{
    [Fact]
    public async Task OrdersSurviveTwoKillsOfTheHandlerWithNothingLostOrDoubled()
    {
        var paths = new BenchPaths(
            RepositoryRoot.Path,
            Path.Combine(published.Package, "handler"),
            MinimalApp: "",
            Path.Combine(AppContext.BaseDirectory, "OrderFunctions.Sandbox.dll"));

        var report = await ChaosCommand.RunAndVerifyAsync(orders: 30, kills: 2, lanes: 2, paths, output.WriteLine, CancellationToken.None);

        var described = string.Join('\n', report.Describe());
        output.WriteLine(described);
        Assert.True(report.AllZero, described);
    }
}

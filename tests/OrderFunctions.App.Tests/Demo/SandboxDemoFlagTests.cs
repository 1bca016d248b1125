using OrderFunctions.Sandbox.Hosting;

namespace OrderFunctions.App.Tests.Demo;

public sealed class SandboxDemoFlagTests
{
    [Fact]
    public void Parse_DemoFlag_TurnsTheDemoTrafficOnWithoutTakingAValue()
    {
        var settings = SandboxCommandLine.Parse(["--demo", "--ports-file", "ports.json"]);

        Assert.True(settings.Demo);
        Assert.Equal(Path.GetFullPath("ports.json"), settings.PortsFile);
    }

    [Fact]
    public void Parse_WithoutDemoFlag_LeavesTheDemoOff() =>
        Assert.False(SandboxCommandLine.Parse(["--seed", "7"]).Demo);

    [Fact]
    public void Usage_NamesTheDemoFlag() =>
        Assert.Contains("--demo", SandboxCommandLine.Usage, StringComparison.Ordinal);
}

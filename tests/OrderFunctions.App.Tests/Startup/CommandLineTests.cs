using OrderFunctions.App.Startup;

namespace OrderFunctions.App.Tests.Startup;

public class CommandLineTests
{
    [Fact]
    public void NoArgumentsServesTheHost()
    {
        Assert.IsType<ServeHostCommand>(CommandLine.Parse([]));
    }

    [Fact]
    public void FunctionsJsonTakesTheOutputDirectory()
    {
        Assert.Equal(new FunctionsJsonCommand("out/package"), CommandLine.Parse(["functions-json", "out/package"]));
    }

    [Theory]
    [InlineData(new[] { "standalone" }, 7071)]
    [InlineData(new[] { "standalone", "--port", "8080" }, 8080)]
    [InlineData(new[] { "standalone", "--port=9090" }, 9090)]
    public void StandaloneTakesAnOptionalPort(string[] args, int port)
    {
        Assert.Equal(new StandaloneCommand(port), CommandLine.Parse(args));
    }

    [Theory]
    [InlineData(new[] { "serve" }, "Unknown command 'serve'.")]
    [InlineData(new[] { "functions-json" }, "functions-json needs exactly one argument")]
    [InlineData(new[] { "functions-json", "a", "b" }, "functions-json needs exactly one argument")]
    [InlineData(new[] { "standalone", "--port", "0" }, "--port '0' is not a port number (1-65535).")]
    [InlineData(new[] { "standalone", "--port", "http" }, "--port 'http' is not a port number (1-65535).")]
    [InlineData(new[] { "standalone", "--verbose" }, "standalone accepts only --port N.")]
    public void AnythingElseIsAUsageErrorSayingWhatIsWrong(string[] args, string expected)
    {
        var e = Assert.Throws<StartupException>(() => CommandLine.Parse(args));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("Usage:", e.Message, StringComparison.Ordinal);
        Assert.Equal(StartupException.UsageExitCode, e.ExitCode);
    }

    [Theory]
    [InlineData(null, "FUNCTIONS_CUSTOMHANDLER_PORT is not set.")]
    [InlineData("", "FUNCTIONS_CUSTOMHANDLER_PORT is not set.")]
    [InlineData("abc", "FUNCTIONS_CUSTOMHANDLER_PORT 'abc' is not a port number (1-65535).")]
    [InlineData("70000", "FUNCTIONS_CUSTOMHANDLER_PORT '70000' is not a port number (1-65535).")]
    public void HostPortMustBeSetAndValid(string? value, string expected)
    {
        var e = Assert.Throws<StartupException>(() => ServeHostCommand.ResolvePort(value));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(StartupException.ConfigurationExitCode, e.ExitCode);
    }

    [Fact]
    public void HostPortIsTakenFromTheVariable()
    {
        Assert.Equal(51234, ServeHostCommand.ResolvePort("51234"));
    }
}

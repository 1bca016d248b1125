using Microsoft.AspNetCore.Builder;
using OrderFunctions.App.Startup;

namespace OrderFunctions.App.Tests.Startup;

public sealed class HandlerAppTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("handler-app-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task StandaloneWithoutKeysFailsToStartNamingEachMissingKey()
    {
        await using var app = HandlerApp.Build(new HandlerAppSettings { Port = 0, Mode = HandlerMode.Standalone });

        var e = await Assert.ThrowsAsync<StartupException>(() => HandlerApp.StartAsync(app, CancellationToken.None));

        Assert.Equal(StartupException.ConfigurationExitCode, e.ExitCode);
        Assert.Contains("Standalone__FunctionKey: The FunctionKey field is required.", e.Message, StringComparison.Ordinal);
        Assert.Contains("Standalone__MasterKey: The MasterKey field is required.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValuesAreNamedByKeyWithoutTheirValue()
    {
        await using var app = HandlerApp.Build(new HandlerAppSettings
        {
            Port = 0,
            Mode = HandlerMode.Standalone,
            Overrides = new Dictionary<string, string?> { ["Standalone:FunctionKey"] = "short-secret", ["Standalone:MasterKey"] = "a-long-enough-master-key" },
        });

        var e = await Assert.ThrowsAsync<StartupException>(() => HandlerApp.StartAsync(app, CancellationToken.None));

        Assert.Contains("Standalone__FunctionKey:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MasterKey", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short-secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostModeDoesNotNeedTheStandaloneKeys()
    {
        await using var app = HandlerApp.Build(new HandlerAppSettings { Port = 0, Mode = HandlerMode.Host });

        await HandlerApp.StartAsync(app, CancellationToken.None);

        Assert.Equal("127.0.0.1", HandlerApp.ListeningUri(app).Host);
        await app.StopAsync();
    }

    [Fact]
    public async Task LocalSettingsAreReadBelowEnvironmentVariables()
    {
        // Names unique to this test: environment variables are shared by the whole test process.
        var suffix = Guid.NewGuid().ToString("N");
        var fromFileOnly = $"LayeringTest{suffix}__FileOnly";
        var inBoth = $"LayeringTest{suffix}__Both";
        File.WriteAllText(
            Path.Combine(directory, "local.settings.json"),
            $$$"""{"Values":{"{{{fromFileOnly}}}":"file","{{{inBoth}}}":"file"}}""");
        Environment.SetEnvironmentVariable(inBoth, "environment");
        try
        {
            await using var app = Build(Path.Combine(directory, "local.settings.json"));
            var configuration = app.Configuration;

            Assert.Equal("file", configuration[fromFileOnly.Replace("__", ":", StringComparison.Ordinal)]);
            Assert.Equal("environment", configuration[inBoth.Replace("__", ":", StringComparison.Ordinal)]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(inBoth, null);
        }
    }

    [Fact]
    public async Task FunctionLogLinesReachTheConsoleOnlyAsWarningsByDefault()
    {
        await using var app = Build(localSettings: null);

        Assert.Equal("Warning", app.Configuration["Logging:LogLevel:Function"]);
    }

    private static WebApplication Build(string? localSettings) =>
        HandlerApp.Build(new HandlerAppSettings { Port = 0, Mode = HandlerMode.Host, LocalSettingsPath = localSettings });
}

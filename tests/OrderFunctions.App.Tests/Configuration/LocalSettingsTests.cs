using OrderFunctions.App.Configuration;
using OrderFunctions.App.Startup;

namespace OrderFunctions.App.Tests.Configuration;

public sealed class LocalSettingsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("local-settings-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void ValuesBecomeSettingsWithDoubleUnderscoreAsSectionSeparator()
    {
        var settings = LocalSettings.Read(Write("""
            {
              "IsEncrypted": false,
              "Values": {
                "FUNCTIONS_WORKER_RUNTIME": "custom",
                "Standalone__FunctionKey": "fk",
                "Retries": 3,
                "Enabled": true,
                "Cleared": null
              },
              "ConnectionStrings": {}
            }
            """));

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["FUNCTIONS_WORKER_RUNTIME"] = "custom",
                ["Standalone:FunctionKey"] = "fk",
                ["Retries"] = "3",
                ["Enabled"] = "true",
                ["Cleared"] = null,
            },
            settings);
    }

    [Fact]
    public void FileWithoutValuesHasNoSettings()
    {
        Assert.Empty(LocalSettings.Read(Write("""{"IsEncrypted":false}""")));
    }

    [Theory]
    [InlineData("{\"Values\":", "is not valid JSON (line 1)")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{\"IsEncrypted\":true,\"Values\":{}}", "is encrypted")]
    [InlineData("{\"Values\":[]}", "\"Values\" must be an object")]
    [InlineData("{\"Values\":{\"Nested\":{\"a\":1}}}", "Values.Nested must be a string, number or boolean")]
    public void UnusableFileIsAConfigurationErrorNamingTheProblem(string content, string expected)
    {
        var path = Write(content);

        var e = Assert.Throws<StartupException>(() => LocalSettings.Read(path));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(StartupException.ConfigurationExitCode, e.ExitCode);
    }

    private string Write(string content)
    {
        var path = Path.Combine(directory, LocalSettings.FileName);
        File.WriteAllText(path, content);
        return path;
    }
}

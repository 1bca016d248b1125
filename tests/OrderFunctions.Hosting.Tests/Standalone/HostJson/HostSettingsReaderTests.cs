using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Hosting.Standalone.HostJson;
using OrderFunctions.Storage.Queues;

namespace OrderFunctions.Hosting.Tests.Standalone.HostJson;

public sealed class HostSettingsReaderTests
{
    [Fact]
    public void RepositoryHostJsonIsReadWithItsValues()
    {
        var settings = HostSettingsReader.ReadFile(FindRepositoryHostJson());

        Assert.Equal(new QueueSettings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 16, 8, 5, QueueMessageEncoding.Base64), settings.Queues);
        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.FunctionTimeout);
        Assert.True(settings.EnableForwardingHttpRequest);
    }

    [Fact]
    public void AbsentSettingsGetTheHostDefaults()
    {
        var settings = HostSettingsReader.Parse("""{ "version": "2.0" }""");

        Assert.Equal(HostSettingsReader.LocalMaxPollingInterval, settings.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.Zero, settings.Queues.VisibilityTimeout);
        Assert.Equal(16, settings.Queues.BatchSize);
        Assert.Equal(Environment.ProcessorCount * 8, settings.Queues.NewBatchThreshold);
        Assert.Equal(5, settings.Queues.MaxDequeueCount);
        Assert.Equal(QueueMessageEncoding.Base64, settings.Queues.MessageEncoding);
        Assert.Equal("api", settings.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(30), settings.FunctionTimeout); // the host's default off Consumption (ScriptHostOptionsSetup)
        Assert.False(settings.EnableForwardingHttpRequest);
    }

    [Fact]
    public void KeysAreCaseInsensitiveAndNumbersMayBeStrings()
    {
        var settings = HostSettingsReader.Parse("""
            { "Version": "2.0", // comments are allowed, as the host allows them
              "Extensions": { "Queues": { "BatchSize": "4", "MessageEncoding": "None" }, "HTTP": { "RoutePrefix": "/" } },
              "functionTimeout": "-1" }
            """);

        Assert.Equal(4, settings.Queues.BatchSize);
        Assert.Equal(QueueMessageEncoding.None, settings.Queues.MessageEncoding);
        Assert.Equal("", settings.RoutePrefix);
        Assert.Null(settings.FunctionTimeout);
    }

    [Theory]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "batchSize": 64 } } }""", "'extensions.queues.batchSize'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "maxPollingInterval": "soon" } } }""", "'extensions.queues.maxPollingInterval'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "maxPollingInterval": "00:00:00.05" } } }""", "'extensions.queues.maxPollingInterval'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "messageEncoding": "utf8" } } }""", "'extensions.queues.messageEncoding'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "maxDequeueCount": 0 } } }""", "'extensions.queues.maxDequeueCount'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "newBatchThreshold": -1 } } }""", "'extensions.queues.newBatchThreshold'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": { "visibilityTimeout": "-00:00:01" } } }""", "'extensions.queues.visibilityTimeout'")]
    [InlineData("""{ "version": "2.0", "extensions": { "queues": [] } }""", "'extensions.queues'")]
    [InlineData("""{ "version": "2.0", "extensions": { "http": { "routePrefix": { } } } }""", "'extensions.http.routePrefix'")]
    [InlineData("""{ "version": "2.0", "functionTimeout": "00:00:00" }""", "'functionTimeout'")]
    [InlineData("""{ "version": "2.0", "customHandler": { "enableForwardingHttpRequest": "sometimes" } }""", "'customHandler.enableForwardingHttpRequest'")]
    [InlineData("""{ "version": "1.0" }""", "'version'")]
    [InlineData("""{ }""", "'version'")]
    public void InvalidValueIsAnErrorNamingTheKey(string json, string key)
    {
        var error = Assert.Throws<StandaloneConfigurationException>(() => HostSettingsReader.Parse(json));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJsonIsAClearError()
    {
        var error = Assert.Throws<StandaloneConfigurationException>(() => HostSettingsReader.Parse("""{ "version": "2.0", """ + "\"extensions\": {"));

        Assert.StartsWith("host.json is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsAClearErrorNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "host.json");

        var error = Assert.Throws<StandaloneConfigurationException>(() => HostSettingsReader.ReadFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private static string FindRepositoryHostJson()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "host.json");
            if (File.Exists(candidate) && File.Exists(Path.Combine(directory.FullName, "OrderFunctions.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The repository's host.json was not found above the test binaries.");
    }
}

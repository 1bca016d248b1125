using System.Text.Json.Nodes;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.Hosting.Tests.Definitions;

public sealed class FunctionJsonTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("function-json-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // The shapes of the reference (functions-custom-handler.md §2), with this app's fixed binding names.
    [Theory]
    [InlineData(
        "timer",
        """
        {"bindings":[{"name":"timer","type":"timerTrigger","direction":"in",
          "schedule":"0 */5 * * * *","runOnStartup":false,"useMonitor":true}]}
        """)]
    [InlineData(
        "queue",
        """
        {"bindings":[
         {"name":"msg","type":"queueTrigger","direction":"in","queueName":"orders","connection":"OrdersStorage"}]}
        """)]
    [InlineData(
        "http",
        """
        {"bindings":[
         {"name":"req","type":"httpTrigger","direction":"in","authLevel":"function","methods":["get","post"],"route":"orders/{id?}"},
         {"name":"res","type":"http","direction":"out"}]}
        """)]
    public void EachTriggerKindRendersTheHostsShape(string kind, string expected)
    {
        FunctionTrigger trigger = kind switch
        {
            "timer" => new TimerTrigger("0 */5 * * * *"),
            "queue" => new QueueTrigger("orders", "OrdersStorage"),
            _ => new HttpTrigger("orders/{id?}", ["get", "post"], AuthorizationLevel.Function),
        };

        var rendered = FunctionJson.Render(new FunctionDefinition("Any", trigger));

        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(rendered)),
            $"Rendered:\n{rendered}");
    }

    [Fact]
    public void TimerOptionsAndSettingReferencesPassThrough()
    {
        var rendered = JsonNode.Parse(FunctionJson.Render(
            new FunctionDefinition("Sweep", new TimerTrigger("%SweepSchedule%", RunOnStartup: true, UseMonitor: false))))!;

        var binding = rendered["bindings"]![0]!;
        Assert.Equal("%SweepSchedule%", (string?)binding["schedule"]);
        Assert.True((bool?)binding["runOnStartup"]);
        Assert.False((bool?)binding["useMonitor"]);
    }

    [Theory]
    [InlineData(AuthorizationLevel.Anonymous, "anonymous")]
    [InlineData(AuthorizationLevel.Function, "function")]
    [InlineData(AuthorizationLevel.Admin, "admin")]
    public void AuthLevelsUseTheHostsNames(AuthorizationLevel level, string expected)
    {
        var rendered = JsonNode.Parse(FunctionJson.Render(new FunctionDefinition("H", new HttpTrigger("h", ["get"], level))))!;

        Assert.Equal(expected, (string?)rendered["bindings"]![0]!["authLevel"]);
    }

    [Fact]
    public void HttpFunctionWithoutMethodsAcceptsEveryMethodByOmittingThem()
    {
        var rendered = JsonNode.Parse(FunctionJson.Render(new FunctionDefinition("H", new HttpTrigger("hooks/{name}", [], AuthorizationLevel.Function))))!;

        Assert.Null(rendered["bindings"]![0]!["methods"]);
    }

    [Fact]
    public void RenderingIsTwoSpaceIndentedWithLfAndAFinalNewline()
    {
        var rendered = FunctionJson.Render(new FunctionDefinition("Q", new QueueTrigger("orders", "AzureWebJobsStorage")));

        Assert.Equal(
            "{\n  \"bindings\": [\n    {\n      \"name\": \"msg\",\n      \"type\": \"queueTrigger\",\n      \"direction\": \"in\",\n"
            + "      \"queueName\": \"orders\",\n      \"connection\": \"AzureWebJobsStorage\"\n    }\n  ]\n}\n",
            rendered);
    }

    [Fact]
    public void WriteFoldersWritesOneFolderPerFunctionNamedAfterIt()
    {
        FunctionDefinition[] definitions =
        [
            new("Heartbeat", new TimerTrigger("0 */5 * * * *")),
            new("Health", new HttpTrigger("health", ["get"], AuthorizationLevel.Anonymous)),
        ];

        var written = FunctionJson.WriteFolders(definitions, directory);

        Assert.Equal(
            [Path.Combine(directory, "Heartbeat", "function.json"), Path.Combine(directory, "Health", "function.json")],
            written);
        Assert.Equal(["Health", "Heartbeat"], Directory.GetDirectories(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(FunctionJson.Render(definitions[1]), File.ReadAllText(written[1]));
    }
}

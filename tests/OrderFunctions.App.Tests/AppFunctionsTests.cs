using System.Text.Json.Nodes;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App.Tests;

public class AppFunctionsTests
{
    private readonly FunctionCatalog catalog = AppFunctions.Create();

    [Fact]
    public void HeartbeatIsATimerOnTheScheduleSettingWithoutMonitor()
    {
        Assert.True(catalog.TryGet("Heartbeat", out var heartbeat));
        Assert.Equal(new TimerTrigger("%HeartbeatSchedule%", RunOnStartup: false, UseMonitor: false), heartbeat.Definition.Trigger);
    }

    [Fact]
    public void HealthIsAnAnonymousGetAtApiHealth()
    {
        Assert.True(catalog.TryGet("Health", out var health));
        var trigger = Assert.IsType<HttpTrigger>(health.Definition.Trigger);
        Assert.Equal(("health", AuthorizationLevel.Anonymous), (trigger.Route, trigger.AuthLevel));
        Assert.Equal(["get"], trigger.Methods);
        Assert.Equal("/api/health", catalog.RouteTemplate(trigger));
    }

    [Fact]
    public void RoutePrefixIsTheOneInTheRootHostJson()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("host.json")))!;

        Assert.Equal((string?)hostJson["extensions"]?["http"]?["routePrefix"] ?? "api", catalog.RoutePrefix);
    }

    [Fact]
    public void HostJsonForwardsHttpRequestsAsTheHttpFunctionsExpect()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("host.json")))!;

        Assert.True((bool?)hostJson["customHandler"]?["enableForwardingHttpRequest"]);
    }

    [Fact]
    public void TheTimerSchedulesAreTheOnlyReferencedSettings()
    {
        Assert.Equal(
            [AppFunctions.HeartbeatScheduleSetting, Functions.Workflow.WorkflowRegistration.PollScheduleSetting, Functions.Workflow.WorkflowRegistration.SweepScheduleSetting],
            catalog.ReferencedSettings);
    }
}

using OrderFunctions.App.Functions.Workflow;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Testing.Fakes;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Marketplaces;

namespace OrderFunctions.App.Tests.Workflow;

public sealed class WorkflowFunctionsTests
{
    private readonly FunctionCatalog catalog = AppFunctions.Create();

    [Fact]
    public void TheFanOutAndTheSweeperAreTimersOnTheirScheduleSettingsWithoutMonitor()
    {
        Assert.True(catalog.TryGet("QueueIntegrationPolls", out var fanOut));
        Assert.True(catalog.TryGet("SweepOverdueOrders", out var sweeper));

        Assert.Equal(new TimerTrigger("%WorkflowPollSchedule%", UseMonitor: false), fanOut.Definition.Trigger);
        Assert.Equal(new TimerTrigger("%WorkflowSweepSchedule%", UseMonitor: false), sweeper.Definition.Trigger);
        Assert.Equal(typeof(QueueIntegrationPollsFunction), fanOut.FunctionType);
        Assert.Equal(typeof(SweepOverdueOrdersFunction), sweeper.FunctionType);
    }

    [Fact]
    public void PollsAndStepsAreQueueFunctionsOnTheWorkflowsQueuesInTheHostStorage()
    {
        Assert.True(catalog.TryGet("PollIntegration", out var poll));
        Assert.True(catalog.TryGet("RunOrderStep", out var step));

        Assert.Equal(new QueueTrigger(new WorkflowStorageNames().PollQueue, "AzureWebJobsStorage"), poll.Definition.Trigger);
        Assert.Equal(new QueueTrigger(new WorkflowStorageNames().StepQueue, "AzureWebJobsStorage"), step.Definition.Trigger);
        Assert.Equal(typeof(PollIntegrationFunction), poll.FunctionType);
        Assert.Equal(typeof(RunOrderStepFunction), step.FunctionType);
    }

    [Theory]
    [InlineData(MarketplaceCatalog.Trendyol, "PostNL", null, null)]
    [InlineData(MarketplaceCatalog.Trendyol, "Yurtiçi Kargo", "1234567890", "YKMP")]
    [InlineData(MarketplaceCatalog.Bol, "PostNL", "3SABCD1234567", "TNT")]
    [InlineData(MarketplaceCatalog.Bol, null, "1Z999AA10123456784", "UPS")]
    [InlineData(MarketplaceCatalog.Bol, null, null, null)]
    public void CarrierCodesComeFromTheConnectorsRulesForTheIntegrationsMarketplace(string marketplace, string? shopCarrier, string? trackingCode, string? expected)
    {
        var integration = Samples.Integration(marketplace: marketplace, settings: new IntegrationSettings { CarrierMap = new Dictionary<string, string> { ["Yurtiçi Kargo"] = "Yurtici" } });

        Assert.Equal(expected, new ConnectorCarrierCodes().ResolveCarrierCode(integration, shopCarrier, trackingCode));
    }
}

using System.Text.Json.Nodes;
using OrderFunctions.App.Configuration;
using OrderFunctions.App.Startup;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App.Tests.Configuration;

public class AppOptionsTests
{
    private static readonly string[] HostSettings = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage"];

    [Fact]
    public void EverySectionIsListedOnceWithItsKeys()
    {
        var standalone = Assert.Single(AppOptions.Sections, s => s.OptionsType == typeof(StandaloneOptions));

        Assert.Equal("Standalone", standalone.Name);
        Assert.True(standalone.StandaloneOnly);
        Assert.Equal(["Standalone__FunctionKey", "Standalone__MasterKey"], standalone.AppSettingKeys);
        Assert.Equal(AppOptions.Sections.Count, AppOptions.Sections.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void SampleLocalSettingsHoldEveryKeyTheAppReadsAndNoOther()
    {
        var values = SampleValues();
        var catalog = AppFunctions.Create();
        string[] expected =
        [
            .. HostSettings,
            .. catalog.ReferencedSettings,
            .. AppOptions.Sections.SelectMany(s => s.AppSettingKeys),
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), values.Select(v => v.Key).Order(StringComparer.Ordinal));
        Assert.Equal("custom", (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void SampleHeartbeatScheduleIsAValidScheduleFiringEveryTenSeconds()
    {
        var schedule = (string?)SampleValues()[AppFunctions.HeartbeatScheduleSetting];

        Assert.Equal("*/10 * * * * *", schedule);
        Assert.True(FunctionCatalog.IsValidCron(schedule!));
    }

    [Fact]
    public async Task SampleLocalSettingsStartTheStandaloneHandler()
    {
        await using var app = HandlerApp.Build(new HandlerAppSettings
        {
            Port = 0,
            Mode = HandlerMode.Standalone,
            LocalSettingsPath = RepositoryRoot.File("local.settings.sample.json"),
        });

        await HandlerApp.StartAsync(app, CancellationToken.None);
        await app.StopAsync();
    }

    private static JsonObject SampleValues() =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.File("local.settings.sample.json")))!["Values"]!.AsObject();
}

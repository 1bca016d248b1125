using Azure;
using OrderFunctions.App.Configuration;
using OrderFunctions.App.Demo;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.App.Startup;

/// <summary><c>handler seed-demo --manifest PATH</c>: store the local run's two demo integrations on the sandbox
/// accounts named in its ports file (docs/demo.md), with the same settings sources as <c>handler standalone</c>.
/// Safe to repeat.</summary>
internal sealed record SeedDemoCommand(string ManifestPath) : HandlerCommand
{
    public override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        DemoManifest manifest;
        try
        {
            manifest = await DemoManifest.ReadAsync(Path.GetFullPath(ManifestPath), cancellationToken);
        }
        catch (DemoManifestException e)
        {
            throw StartupException.Configuration(e.Message);
        }

        // The app is built, not started: its registrations give the workflow's stores on the configured storage.
        await using var app = HandlerApp.Build(new HandlerAppSettings { Port = 0, Mode = HandlerMode.Standalone, LocalSettingsPath = LocalSettings.Find() });
        WorkflowStorage storage;
        try
        {
            storage = app.Services.GetRequiredService<WorkflowStorage>();
        }
        catch (InvalidOperationException e)
        {
            // The storage connection is not configured; the message names the settings to set.
            throw StartupException.Configuration($"seed-demo: {e.Message}");
        }

        IReadOnlyList<DemoSeedResult> results;
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            results = await new DemoSeeder(app.Services.GetRequiredService<IntegrationStore>()).SeedAsync(manifest, new DemoSeedOptions(), cancellationToken);
        }
        catch (RequestFailedException e)
        {
            throw StartupException.Configuration($"seed-demo could not write to the storage of {WorkflowStorageConnection} (is Azurite running?): {e.Status} {e.ErrorCode ?? e.Message}");
        }
        catch (IntegrationValidationException e)
        {
            throw StartupException.Configuration($"seed-demo: {e.Message}");
        }

        foreach (var result in results)
        {
            await Console.Out.WriteLineAsync($"seed-demo: {result.IntegrationId} ({result.DisplayName}): {result.Outcome.ToString().ToLowerInvariant()}");
        }

        return 0;
    }

    private const string WorkflowStorageConnection = Functions.Workflow.WorkflowRegistration.StorageConnectionName;
}

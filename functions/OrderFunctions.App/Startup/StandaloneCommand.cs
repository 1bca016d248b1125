using Microsoft.Extensions.Options;
using OrderFunctions.App.Configuration;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Storage.Diagnostics;

namespace OrderFunctions.App.Startup;

/// <summary><c>handler standalone [--port N]</c>: the handler on a free loopback port plus the standalone runtime,
/// which fires the timers, polls the queues and serves <c>/api/…</c> with function keys on <paramref name="Port"/>
/// (DESIGN D3), reading the same host.json and catalog as the Functions host would.</summary>
internal sealed record StandaloneCommand(int Port) : HandlerCommand
{
    public override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var hostJson = Path.Combine(AppContext.BaseDirectory, "host.json");
        if (!File.Exists(hostJson))
        {
            throw StartupException.Configuration($"host.json is missing next to the handler ({hostJson}).");
        }

        var catalog = AppFunctions.Create();
        await using var app = HandlerApp.Build(new HandlerAppSettings
        {
            Port = 0,
            Mode = HandlerMode.Standalone,
            Catalog = catalog,
            LocalSettingsPath = LocalSettings.Find(),
        });
        await HandlerApp.StartAsync(app, cancellationToken);

        var keys = app.Services.GetRequiredService<IOptions<StandaloneOptions>>().Value;
        await using var runtime = await StandaloneRuntime.StartAsync(
            new StandaloneRuntimeOptions
            {
                HostJsonPath = hostJson,
                Functions = catalog.Definitions,
                HandlerUri = HandlerApp.ListeningUri(app),
                Configuration = app.Configuration,
                HttpPort = Port,
                FunctionKey = keys.FunctionKey,
                MasterKey = keys.MasterKey,
                TransactionCounter = app.Services.GetRequiredService<StorageTransactionCounter>(),
            },
            app.Services.GetRequiredService<ILoggerFactory>(),
            cancellationToken);
        StartupLog.StandaloneServing(app.Logger, runtime.HttpBaseUri, catalog.Registrations.Count);

        // Stop the triggers before the handler, so that nothing in flight loses its handler.
        await WhenStopping(app.Lifetime, cancellationToken);
        await runtime.StopAsync(CancellationToken.None);
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    private static Task WhenStopping(IHostApplicationLifetime lifetime, CancellationToken cancellationToken)
    {
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        cancellationToken.Register(() => stopping.TrySetResult());
        return stopping.Task;
    }
}

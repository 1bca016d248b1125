using OrderFunctions.App.Configuration;

namespace OrderFunctions.App.Startup;

/// <summary><c>handler</c>: serve the Functions host on the port it chose (DESIGN D1).</summary>
internal sealed record ServeHostCommand : HandlerCommand
{
    /// <summary>Set by the Functions host when it starts the handler.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var port = ResolvePort(Environment.GetEnvironmentVariable(PortVariable));
        var localSettings = LocalSettings.Find();
        await using var app = HandlerApp.Build(new HandlerAppSettings { Port = port, Mode = HandlerMode.Host, LocalSettingsPath = localSettings });
        await HandlerApp.StartAsync(app, cancellationToken);
        StartupLog.Serving(app.Logger, HandlerApp.ListeningUri(app), app.Services.GetRequiredService<Hosting.Definitions.FunctionCatalog>().Registrations.Count, localSettings ?? "none");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>The port from <see cref="PortVariable"/>; a <see cref="StartupException"/> saying what is wrong otherwise.</summary>
    public static int ResolvePort(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw StartupException.Configuration(
                $"{PortVariable} is not set. The Functions host sets it when it starts the handler; to run without the host, use 'handler standalone'.");
        }

        return CommandLine.TryParsePort(value, out var port)
            ? port
            : throw StartupException.Configuration($"{PortVariable} '{value}' is not a port number (1-65535).");
    }
}

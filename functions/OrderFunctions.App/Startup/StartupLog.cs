namespace OrderFunctions.App.Startup;

internal static partial class StartupLog
{
    [LoggerMessage(1, LogLevel.Information, "Handler serving the Functions host on {Address} with {Functions} functions (local settings: {LocalSettings}).")]
    public static partial void Serving(ILogger logger, Uri address, int functions, string localSettings);

    [LoggerMessage(2, LogLevel.Information, "Standalone: {Functions} functions running; HTTP functions at {Address}api/. Press Ctrl+C to stop.")]
    public static partial void StandaloneServing(ILogger logger, Uri address, int functions);

    [LoggerMessage(3, LogLevel.Error, "Background service {Service} failed to start.")]
    public static partial void BackgroundServiceFailedToStart(ILogger logger, string service, Exception exception);
}

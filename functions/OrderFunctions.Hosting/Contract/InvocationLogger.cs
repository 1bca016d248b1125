using Microsoft.Extensions.Logging;

namespace OrderFunctions.Hosting.Contract;

/// <summary>
/// The log of one invocation. Information and higher lines are kept for the response's <c>Logs</c> (the host logs
/// them as Information, so other levels carry their name as a prefix). Every entry also goes to the app's own logger,
/// whose filters decide what reaches the console: by default only warnings and errors, which survive a failed
/// invocation whose <c>Logs</c> the host discards.
/// </summary>
internal sealed class InvocationLogger(ILogger appLogger) : ILogger
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => appLogger.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => IsReturned(logLevel) || appLogger.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsReturned(logLevel))
        {
            var line = Format(logLevel, formatter(state, exception), exception);
            lock (lines)
            {
                lines.Add(line);
            }
        }

        if (appLogger.IsEnabled(logLevel))
        {
            appLogger.Log(logLevel, eventId, state, exception, formatter);
        }
    }

    private static bool IsReturned(LogLevel logLevel) => logLevel is >= LogLevel.Information and < LogLevel.None;

    private static string Format(LogLevel logLevel, string message, Exception? exception)
    {
        var line = logLevel == LogLevel.Information ? message : $"{logLevel}: {message}";
        return exception is null ? line : $"{line} ({exception.GetType().Name}: {exception.Message})";
    }
}

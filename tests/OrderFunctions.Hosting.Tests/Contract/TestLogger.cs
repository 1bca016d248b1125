using Microsoft.Extensions.Logging;

namespace OrderFunctions.Hosting.Tests.Contract;

/// <summary>Records what reaches it at or above <paramref name="minimum"/>, like an app logger behind a filter.</summary>
internal sealed class TestLogger(LogLevel minimum = LogLevel.Trace) : ILogger
{
    public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}

internal sealed class TestLoggerProvider : ILoggerProvider
{
    public Dictionary<string, TestLogger> Loggers { get; } = [];

    public ILogger CreateLogger(string categoryName)
    {
        lock (Loggers)
        {
            if (!Loggers.TryGetValue(categoryName, out var logger))
            {
                logger = new TestLogger();
                Loggers.Add(categoryName, logger);
            }

            return logger;
        }
    }

    public void Dispose()
    {
    }
}

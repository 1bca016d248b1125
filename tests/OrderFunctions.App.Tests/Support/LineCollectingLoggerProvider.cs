using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrderFunctions.App.Tests.Support;

/// <summary>Writes every log entry, at every level and with its exception, as one line into <paramref name="lines"/>:
/// what the secret-leak checks search.</summary>
internal sealed class LineCollectingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineCollectingLogger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class LineCollectingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}

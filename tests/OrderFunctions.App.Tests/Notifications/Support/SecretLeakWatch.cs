using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Azure.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Tests.Support;

namespace OrderFunctions.App.Tests.Notifications.Support;

/// <summary>
/// Collects everything a test could leak a secret into: every log line written through <see cref="LoggerFactory"/>
/// (message and exception), every Azure.Core diagnostics event (request and response logging, retries), and the
/// messages of exceptions the test observed. <see cref="AssertNoneContains"/> fails if any holds a secret.
/// </summary>
internal sealed class SecretLeakWatch : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly AzureEventSourceListener _azureEvents;

    public SecretLeakWatch()
    {
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new LineCollectingLoggerProvider(_lines)));
        _azureEvents = new AzureEventSourceListener((_, message) => _lines.Enqueue(message), EventLevel.Verbose);
    }

    public ILoggerFactory LoggerFactory { get; }

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Observe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            _lines.Enqueue(e.ToString());
        }
    }

    public async Task<TException> ThrowsAsync<TException>(Func<Task> action)
        where TException : Exception
    {
        var exception = await Assert.ThrowsAsync<TException>(action);
        Observe(exception);
        return exception;
    }

    public void AssertNoneContains(params string[] secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            var leaks = _lines.Where(line => line.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"A secret appeared in {leaks.Count} log line(s) or exception message(s), e.g.: {leaks.FirstOrDefault()?.Replace(secret, "<SECRET>", StringComparison.Ordinal)}");
        }
    }

    public void Dispose()
    {
        _azureEvents.Dispose();
        LoggerFactory.Dispose();
    }
}

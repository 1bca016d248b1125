using Microsoft.Extensions.Logging;
using OrderFunctions.Hosting.Contract;

namespace OrderFunctions.Hosting.Tests.Contract;

public partial class InvocationLoggerTests
{
    [LoggerMessage(LogLevel.Information, "processed order {OrderId}")]
    private static partial void Processed(ILogger logger, int orderId);

    [LoggerMessage(LogLevel.Warning, "slow marketplace {Marketplace}")]
    private static partial void Slow(ILogger logger, string marketplace);

    [LoggerMessage(LogLevel.Error, "gave up")]
    private static partial void GaveUp(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Debug, "details")]
    private static partial void Details(ILogger logger);

    [Fact]
    public void InformationAndHigherLinesAreReturnedInOrderWithTheirLevel()
    {
        var log = new InvocationLogger(new TestLogger(LogLevel.None));

        Processed(log, 42);
        Details(log);
        Slow(log, "bol");
        GaveUp(log, new InvalidOperationException("no stock"));

        Assert.Equal(
            ["processed order 42", "Warning: slow marketplace bol", "Error: gave up (InvalidOperationException: no stock)"],
            log.Lines);
    }

    [Fact]
    public void EntriesAlsoReachTheAppLoggerAsItsFilterAllows()
    {
        var appLogger = new TestLogger(LogLevel.Warning);
        var log = new InvocationLogger(appLogger);

        Processed(log, 42);
        Slow(log, "bol");

        Assert.Equal([(LogLevel.Warning, "slow marketplace bol", (Exception?)null)], appLogger.Entries);
    }

    [Fact]
    public void DebugReachesTheAppLoggerOnlyWhenItIsEnabledThere()
    {
        var quiet = new InvocationLogger(new TestLogger(LogLevel.Information));
        var verboseApp = new TestLogger(LogLevel.Debug);
        var verbose = new InvocationLogger(verboseApp);

        Assert.False(quiet.IsEnabled(LogLevel.Debug));
        Assert.True(quiet.IsEnabled(LogLevel.Information));
        Details(verbose);
        Assert.Single(verboseApp.Entries);
        Assert.Empty(verbose.Lines);
    }
}

namespace OrderFunctions.App.Startup;

/// <summary>The handler cannot start as asked: a usage error on the command line or bad configuration. The message is
/// meant for the person starting it and names what to fix; it never contains a secret.</summary>
internal sealed class StartupException : Exception
{
    public const int UsageExitCode = 2;
    public const int ConfigurationExitCode = 3;

    private StartupException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    public static StartupException Usage(string message) => new($"{message}\n\n{CommandLine.Usage}", UsageExitCode);

    public static StartupException Configuration(string message) => new(message, ConfigurationExitCode);
}

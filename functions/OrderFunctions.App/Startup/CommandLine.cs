using System.Globalization;

namespace OrderFunctions.App.Startup;

internal static class CommandLine
{
    /// <summary>The standalone front door's default port, the one <c>func start</c> uses.</summary>
    public const int DefaultStandalonePort = 7071;

    public const string Usage = """
        Usage:
          handler                        serve the Functions host on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT
          handler standalone [--port N]  run the functions locally without the Functions host (default port 7071)
          handler functions-json <dir>   write one folder per function with its function.json into <dir>
          handler seed-demo --manifest <ports.json>
                                         store the demo integrations on the sandbox accounts (docs/demo.md)
        """;

    /// <summary>Throws <see cref="StartupException"/> (usage) for anything else.</summary>
    public static HandlerCommand Parse(IReadOnlyList<string> args) => args switch
    {
        [] => new ServeHostCommand(),
        ["--help" or "-h" or "help"] => new HelpCommand(),
        ["functions-json", var directory] when !directory.StartsWith('-') => new FunctionsJsonCommand(directory),
        ["functions-json", ..] => throw StartupException.Usage("functions-json needs exactly one argument: the output directory."),
        ["standalone"] => new StandaloneCommand(DefaultStandalonePort),
        ["standalone", "--port", var port] => new StandaloneCommand(PortOption(port)),
        ["standalone", var option] when option.StartsWith("--port=", StringComparison.Ordinal) => new StandaloneCommand(PortOption(option["--port=".Length..])),
        ["standalone", ..] => throw StartupException.Usage("standalone accepts only --port N."),
        ["seed-demo", "--manifest", var manifest] when !manifest.StartsWith('-') => new SeedDemoCommand(manifest),
        ["seed-demo", ..] => throw StartupException.Usage("seed-demo needs --manifest <path of the sandbox's ports file>."),
        [var unknown, ..] => throw StartupException.Usage($"Unknown command '{unknown}'."),
    };

    /// <summary>A TCP port number, 1-65535.</summary>
    public static bool TryParsePort(string? value, out int port) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    private static int PortOption(string value) =>
        TryParsePort(value, out var port) ? port : throw StartupException.Usage($"--port '{value}' is not a port number (1-65535).");
}

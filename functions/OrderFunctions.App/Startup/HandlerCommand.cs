namespace OrderFunctions.App.Startup;

/// <summary>What the handler was asked to do (<see cref="CommandLine.Parse"/>).</summary>
internal abstract record HandlerCommand
{
    /// <summary>Runs to the end (for servers: until shutdown) and returns the exit code. Throws
    /// <see cref="StartupException"/> when it cannot start as asked.</summary>
    public abstract Task<int> RunAsync(CancellationToken cancellationToken);
}

/// <summary><c>handler --help</c>.</summary>
internal sealed record HelpCommand : HandlerCommand
{
    public override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await Console.Out.WriteLineAsync(CommandLine.Usage);
        return 0;
    }
}

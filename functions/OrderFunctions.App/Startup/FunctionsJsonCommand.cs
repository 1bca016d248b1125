using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App.Startup;

/// <summary><c>handler functions-json &lt;dir&gt;</c>: write one folder per function of the catalog with its
/// function.json, the package layout the Functions host reads (DESIGN D2).</summary>
internal sealed record FunctionsJsonCommand(string Directory) : HandlerCommand
{
    public override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        foreach (var file in FunctionJson.WriteFolders(AppFunctions.Create().Definitions, Directory))
        {
            await Console.Out.WriteLineAsync(file);
        }

        return 0;
    }
}

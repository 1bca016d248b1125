using OrderFunctions.App.Startup;

// One executable, four commands (see CommandLine.Usage):
//   handler                        serve the Functions host on 127.0.0.1:$FUNCTIONS_CUSTOMHANDLER_PORT (DESIGN D1)
//   handler standalone [--port N]  run the functions locally, driving the triggers without the host (D3)
//   handler functions-json <dir>   write the package's function folders from the catalog (D2)
//   handler seed-demo --manifest <ports.json>   store the local demo's integrations on the sandbox accounts (docs/demo.md)
// The web app itself is built in HandlerApp: AddOrderFunctions registers everything, UseReadinessProbe answers the
// host's GET /, MapFunctions maps the endpoints.
try
{
    return await CommandLine.Parse(args).RunAsync(CancellationToken.None);
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync($"handler: {e.Message}");
    return e.ExitCode;
}

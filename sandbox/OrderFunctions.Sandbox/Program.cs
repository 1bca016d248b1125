using System.Runtime.InteropServices;
using OrderFunctions.Sandbox.Demo;
using OrderFunctions.Sandbox.Hosting;

// The sandbox: Trendyol, bol.com, WooCommerce and Shopify simulators plus a control API, on 127.0.0.1, until Ctrl-C or
// SIGTERM. See docs/sandbox.md and SandboxCommandLine.Usage.
SandboxSettings settings;
try
{
    settings = SandboxCommandLine.Parse(args);
}
catch (SandboxUsageException e)
{
    await Console.Error.WriteLineAsync($"sandbox: {e.Message}\n\n{SandboxCommandLine.Usage}");
    return 2;
}

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});

SandboxHost sandbox;
try
{
    sandbox = await SandboxHost.StartAsync(settings, stopping.Token);
}
catch (IOException e)
{
    // Kestrel's "address already in use" for a fixed port.
    await Console.Error.WriteLineAsync($"sandbox: could not listen: {e.Message}");
    return 1;
}

await using var running = sandbox;
foreach (var (name, account) in sandbox.Manifest.Accounts)
{
    Console.WriteLine($"sandbox: {name,-12} {account.BaseUrl}");
}

Console.WriteLine($"sandbox: {"control",-12} {sandbox.Manifest.Control}");
await sandbox.WriteFilesAsync(stopping.Token);
Console.WriteLine("sandbox: ready; Ctrl-C stops it");
await using var demo = settings.Demo ? DemoDriver.Start(sandbox, new DemoOptions(), Console.Out) : null;
try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("sandbox: stopping");
}

return 0;

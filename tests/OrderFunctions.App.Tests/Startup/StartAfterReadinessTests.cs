using System.Net;
using OrderFunctions.App.Startup;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.App.Tests.Startup;

/// <summary>Nothing but the answer to the Functions host's <c>GET /</c> is on the start path (issue 7): the app's
/// background work — the workflow's table and queue creation — begins only once that answer has been sent.</summary>
public sealed class StartAfterReadinessTests
{
    /// <summary>Only a guard against a hang; nothing here measures time.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StorageIsFirstCalledAfterTheReadinessAnswerNotDuringTheStart()
    {
        using var storage = new SilentStorage();
        await using var app = HandlerApp.Build(HostModeOn(storage));

        await HandlerApp.StartAsync(app, CancellationToken.None);
        Assert.False(storage.FirstConnection.IsCompleted, "storage was called before the readiness probe was answered");

        using var client = new HttpClient { BaseAddress = HandlerApp.ListeningUri(app), Timeout = HangGuard };
        using var readiness = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);

        await storage.FirstConnection.WaitAsync(HangGuard);
        await app.StopAsync().WaitAsync(HangGuard);
    }

    [Fact]
    public async Task WithoutAReadinessAnswerStorageIsNeverCalledAndTheAppStops()
    {
        using var storage = new SilentStorage();
        await using var app = HandlerApp.Build(HostModeOn(storage));

        await HandlerApp.StartAsync(app, CancellationToken.None);
        await app.StopAsync().WaitAsync(HangGuard);

        Assert.False(storage.FirstConnection.IsCompleted);
    }

    private static HandlerAppSettings HostModeOn(SilentStorage storage) => new()
    {
        Port = 0,
        Mode = HandlerMode.Host,
        Overrides = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] =
                $"DefaultEndpointsProtocol=http;AccountName={AzuriteInstance.AccountName};AccountKey={AzuriteInstance.AccountKey};" +
                $"TableEndpoint={storage.Endpoint};QueueEndpoint={storage.Endpoint};",
        },
    };
}

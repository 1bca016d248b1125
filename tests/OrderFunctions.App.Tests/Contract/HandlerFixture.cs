using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OrderFunctions.App.Startup;
using OrderFunctions.Hosting.Definitions;

namespace OrderFunctions.App.Tests.Contract;

/// <summary>
/// The real handler (the app's catalog and registrations) on Kestrel at a free 127.0.0.1 port, plus a few test
/// functions for the behaviours the app's own functions do not show yet (queue messages, failures, echoing a
/// forwarded request).
/// </summary>
public sealed class HandlerFixture : IAsyncLifetime
{
    private WebApplication? app;

    public HttpClient Client { get; private set; } = null!;

    internal ReceivedMessages Received { get; } = new();

    public async Task InitializeAsync()
    {
        var catalog = AppFunctions.Create()
            .AddQueue<RecordingQueueFunction>(TestFunctions.RecordingQueue, new QueueTrigger("contract-tests", "AzureWebJobsStorage"))
            .AddQueue<FailingQueueFunction>(TestFunctions.FailingQueue, new QueueTrigger("contract-tests", "AzureWebJobsStorage"))
            .AddHttp<EchoHttpFunction>(TestFunctions.EchoHttp, new HttpTrigger("echo/{id}", ["post"], AuthorizationLevel.Function))
            .AddHttp<FailingHttpFunction>(TestFunctions.FailingHttp, new HttpTrigger("fail", [], AuthorizationLevel.Function));

        app = HandlerApp.Build(new HandlerAppSettings
        {
            Port = 0,
            Mode = HandlerMode.Host,
            Catalog = catalog,
            ConfigureServices = services => services.AddSingleton(Received),
        });
        await HandlerApp.StartAsync(app, CancellationToken.None);
        Client = new HttpClient { BaseAddress = HandlerApp.ListeningUri(app), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

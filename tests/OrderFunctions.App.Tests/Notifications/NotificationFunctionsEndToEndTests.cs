using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Notifications;
using OrderFunctions.App.Startup;
using OrderFunctions.App.Tests.Notifications.Support;
using OrderFunctions.Hosting.Definitions;
using OrderFunctions.Hosting.Standalone;
using OrderFunctions.Storage.Queues;
using OrderFunctions.Testing;
using OrderFunctions.Testing.Azurite;
using OrderFunctions.Workflow.Hosting;
using OrderFunctions.Workflow.Messaging;

namespace OrderFunctions.App.Tests.Notifications;

/// <summary>
/// The notification functions driven by the standalone runtime over real queues (their own Azurite), with the
/// <c>.eml</c> sink: a workflow notification becomes a mail, new orders become a digest, and a message that cannot be
/// handled is retried and then lands in the poison queue.
/// </summary>
public sealed class NotificationFunctionsEndToEndTests : IAsyncLifetime
{
    private const int MaxDequeueCount = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _mailFolder = Directory.CreateTempSubdirectory("orderfunctions-mail-").FullName;
    private readonly string _hostJsonFolder = Directory.CreateTempSubdirectory("orderfunctions-hostjson-").FullName;
    private AzuriteInstance _azurite = null!;
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private StandaloneRuntime _runtime = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartAsync(new AzuriteOptions());
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("host.json")))!;
        var queues = hostJson["extensions"]!["queues"]!;
        queues["visibilityTimeout"] = "00:00:00.200";
        queues["maxPollingInterval"] = "00:00:00.200";
        queues["maxDequeueCount"] = MaxDequeueCount;
        var hostJsonPath = Path.Combine(_hostJsonFolder, "host.json");
        await File.WriteAllTextAsync(hostJsonPath, hostJson.ToJsonString());

        var catalog = new FunctionCatalog().AddNotificationFunctions();
        _app = HandlerApp.Build(new HandlerAppSettings
        {
            Port = 0,
            Mode = HandlerMode.Standalone,
            Catalog = catalog,
            Overrides = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["Standalone:FunctionKey"] = "notification-tests-function-key",
                ["Standalone:MasterKey"] = "notification-tests-master-key",
                ["Notifications:Mode"] = "File",
                ["Notifications:FileFolder"] = _mailFolder,
                ["Notifications:SenderAddress"] = "orders@orderfunctions.local",
                ["Notifications:DefaultRecipient"] = "merchant@orderfunctions.local",
                ["Notifications:DigestInterval"] = "00:01:00",
            },
            ConfigureServices = services => services.AddEmailNotifications(),
        });
        await HandlerApp.StartAsync(_app, CancellationToken.None);
        _runtime = await StandaloneRuntime.StartAsync(
            new StandaloneRuntimeOptions
            {
                HostJsonPath = hostJsonPath,
                Functions = catalog.Definitions,
                HandlerUri = HandlerApp.ListeningUri(_app),
                Configuration = _app.Configuration,
                HttpPort = 0,
                FunctionKey = "notification-tests-function-key",
                MasterKey = "notification-tests-master-key",
                ScheduleMonitorConnection = null,
                DrainTimeout = TimeSpan.FromSeconds(5),
            },
            _app.Services.GetRequiredService<ILoggerFactory>(),
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _runtime.StopAsync(CancellationToken.None);
        await _runtime.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
        Directory.Delete(_mailFolder, recursive: true);
        Directory.Delete(_hostJsonFolder, recursive: true);
    }

    [Fact]
    public async Task OrderErrorNotificationBecomesOneMailEvenWhenQueuedTwice()
    {
        var notification = new NotificationMessage
        {
            Id = "ty-woo:1001|error|7",
            Kind = NotificationKinds.OrderError,
            IntegrationId = "ty-woo",
            IntegrationName = "Trendyol to WooCommerce",
            Recipient = "ops@example.com",
            OccurredAt = new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero),
            Error = new OrderErrorEntry("ty-woo:1001", "1001", "failed", "Failed", "Transferred", "create-shop-order: woocommerce answered 503", 5),
        };
        var queue = await NotificationQueueAsync();

        await queue.SendMessageAsync(WorkflowJson.Serialize(notification));
        await queue.SendMessageAsync(WorkflowJson.Serialize(notification));

        await WaitUntilAsync(async () => await queue.GetApproximateMessageCountAsync() == 0 && Directory.GetFiles(_mailFolder, "*.eml").Length > 0);
        var mail = EmlDocument.Parse(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(_mailFolder, "*.eml"))));
        Assert.Equal("ops@example.com", mail.Header("To"));
        Assert.StartsWith("[OrderFunctions] Order 1001 failed on Trendyol to WooCommerce", EmlDocument.DecodeWords(mail.Header("Subject")), StringComparison.Ordinal);
        Assert.Contains("failed in state Transferred after 5 attempts", mail.Parts()[0].DecodedBody(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewOrdersAreCollectedIntoTheirWindowsDigestNotMailedOneByOne()
    {
        var notification = new NotificationMessage
        {
            Id = "ty-woo|new-orders|s20250701T120000000",
            Kind = NotificationKinds.NewOrders,
            IntegrationId = "ty-woo",
            IntegrationName = "Trendyol to WooCommerce",
            OccurredAt = DateTimeOffset.UtcNow,
            Orders =
            [
                new NewOrderEntry("ty-woo:1001", "1001", "Ayşe Yılmaz", 25.98m, "TRY", "Created"),
                new NewOrderEntry("ty-woo:1002", "1002", "<b>Jan</b>", 10m, "TRY", "Created"),
            ],
        };
        var queue = await NotificationQueueAsync();

        await queue.SendMessageAsync(WorkflowJson.Serialize(notification));

        // The orders wait in the window; the flush message is due a minute after the window ends.
        var digests = _azurite.Connection.CreateQueueServiceClient().GetQueueClient("notification-digests");
        await WaitUntilAsync(async () => await queue.GetApproximateMessageCountAsync() == 0 && await ApproximateCountAsync(digests) == 1);
        Assert.Empty(Directory.GetFiles(_mailFolder, "*.eml"));
    }

    [Fact]
    public async Task UnreadableNotificationIsRetriedThenPoisonedAndMailsNothing()
    {
        var queue = await NotificationQueueAsync();

        const string unreadable = "{\"v\":1,\"id\":\"x\",\"kind\":\"order-error\"}";
        await queue.SendMessageAsync(unreadable);

        var poison = _azurite.Connection.CreateQueueServiceClient().GetQueueClient(WorkflowStorageNames.NotificationQueueName + "-poison");
        await WaitUntilAsync(async () => await ApproximateCountAsync(poison) == 1);
        Assert.Equal(unreadable, Assert.Single(await poison.PeekMessagesAsync()).Body);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
        Assert.Empty(Directory.GetFiles(_mailFolder, "*.eml"));
    }

    private async Task<QueueClient> NotificationQueueAsync()
    {
        var queue = _app.Services.GetRequiredService<WorkflowStorage>().NotificationQueue;
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private static async Task<int> ApproximateCountAsync(QueueClient queue)
    {
        try
        {
            return await queue.GetApproximateMessageCountAsync();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition was not met within {Timeout}.");
            }

            await Task.Delay(100);
        }
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using OrderFunctions.App.Configuration;
using OrderFunctions.App.Notifications;
using OrderFunctions.App.Startup;
using OrderFunctions.App.Notifications.Digests;
using OrderFunctions.App.Notifications.Email;
using OrderFunctions.App.Notifications.Rendering;
using OrderFunctions.App.Tests.Notifications.Support;
using OrderFunctions.Hosting.Contract;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.App.Tests.Notifications.Digests;

public sealed class NewOrdersDigestSenderTests : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private static readonly DateTimeOffset InWindow = new(2025, 7, 1, 10, 7, 0, TimeSpan.Zero);
    private static readonly DigestFlushMessage Flush = new("demo", DigestWindow.Containing(InWindow, Interval).Start, Interval);

    private readonly ManualTimeProvider _time = new(InWindow);
    private readonly List<EmailMessage> _sent = [];
    private readonly Mock<IEmailSender> _mail = new(MockBehavior.Strict);
    private readonly AzuriteFixture _azurite;

    public NewOrdersDigestSenderTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _mail.Setup(m => m.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((message, _) => _sent.Add(message))
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task FlushSendsOneDigestToTheIntegrationAddressAndThenNothingMore()
    {
        var (outbox, sender) = await CreateAsync();
        await outbox.RecordAsync("demo", "Trendyol → Demo Shop", "orders@shop.example", [Order("1")], CancellationToken.None);
        await outbox.RecordAsync("demo", "Trendyol → Demo Shop", "orders@shop.example", [Order("2")], CancellationToken.None);

        await sender.HandleAsync(Flush, "flush-1", CancellationToken.None);
        await sender.HandleAsync(Flush, "flush-1", CancellationToken.None);

        var mail = Assert.Single(_sent);
        Assert.Equal("orders@shop.example", Assert.Single(mail.To).Address);
        Assert.StartsWith("[OrderFunctions] 2 new orders on Trendyol → Demo Shop", mail.Subject, StringComparison.Ordinal);
        Assert.Equal("new-orders:demo:20250701T1000Z", mail.Id);
    }

    [Fact]
    public async Task IntegrationWithoutAnAddressMailsTheDefaultRecipient()
    {
        var (outbox, sender) = await CreateAsync();
        await outbox.RecordAsync("demo", "Demo", null, [Order("1")], CancellationToken.None);

        await sender.HandleAsync(Flush, "flush-1", CancellationToken.None);

        Assert.Equal("merchant@example.com", Assert.Single(Assert.Single(_sent).To).Address);
    }

    [Fact]
    public async Task FailedSendKeepsTheWindowSoTheRetrySendsTheSameDigest()
    {
        var (outbox, sender) = await CreateAsync();
        await outbox.RecordAsync("demo", "Demo", null, [Order("1")], CancellationToken.None);
        _mail.SetupSequence(m => m.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("mail service down"))
            .Returns(Task.CompletedTask);

        await Assert.ThrowsAsync<InvalidOperationException>(() => sender.HandleAsync(Flush, "flush-1", CancellationToken.None));
        await sender.HandleAsync(Flush, "flush-1", CancellationToken.None);

        _mail.Verify(m => m.SendAsync(It.Is<EmailMessage>(e => e.Id == "new-orders:demo:20250701T1000Z" && e.PlainText.Contains("order-1", StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Null(await outbox.CollectAsync(Flush, "flush-1", CancellationToken.None));
    }

    [Fact]
    public async Task AddEmailNotificationsWiresTheDigestToTheFileSinkEndToEnd()
    {
        var folder = Path.Combine(Path.GetTempPath(), "of-mail-" + Guid.NewGuid().ToString("N"));
        var integrationId = "it-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Notifications:Mode"] = "File",
                ["Notifications:FileFolder"] = folder,
                ["Notifications:SenderAddress"] = "DoNotReply@orders.example.com",
                ["Notifications:DefaultRecipient"] = "merchant@example.com",
            }).Build();
            var services = new ServiceCollection()
                .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
                .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
                .AddSingleton<TimeProvider>(_time)
                .AddSingleton(_azurite.Connection.CreateTableServiceClient())
                .AddSingleton(_azurite.Connection.CreateQueueServiceClient());
            services.AddAppOptions(configuration, HandlerMode.Host).AddEmailNotifications();
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<NewOrdersDigestOutbox>().RecordAsync(integrationId, "Demo", null, [Order("1")], CancellationToken.None);
            await provider.GetRequiredService<NewOrdersDigestSender>().HandleAsync(Flush with { IntegrationId = integrationId }, "flush-1", CancellationToken.None);

            var document = EmlDocument.Parse(await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(folder))));
            Assert.StartsWith("[OrderFunctions] 1 new order on Demo", EmlDocument.DecodeWords(document.Header("Subject")), StringComparison.Ordinal);
            Assert.Contains("order-1", document.Parts()[0].DecodedBody(), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task QueueFunctionSendsTheDigestItsMessageNames()
    {
        var (outbox, sender) = await CreateAsync();
        await outbox.RecordAsync("demo", "Demo", null, [Order("1")], CancellationToken.None);
        var function = new SendNewOrdersDigestFunction(sender);

        await function.RunAsync(Invocation(Flush.ToJson()), NullLogger.Instance, CancellationToken.None);

        Assert.Equal("new-orders:demo:20250701T1000Z", Assert.Single(_sent).Id);
    }

    [Fact]
    public async Task QueueFunctionFailsOnAMalformedMessageSoItEndsInThePoisonQueue()
    {
        var (_, sender) = await CreateAsync();

        await Assert.ThrowsAsync<FormatException>(() => new SendNewOrdersDigestFunction(sender).RunAsync(Invocation("{\"integrationId\":\"demo\"}"), NullLogger.Instance, CancellationToken.None));
        Assert.Empty(_sent);
    }

    private static QueueInvocation Invocation(string message) =>
        new(SendNewOrdersDigestFunction.Name, Guid.NewGuid().ToString(), message, Guid.NewGuid().ToString(), 1, "pop", null, null, null, null);

    private static DigestOrder Order(string id) => new($"order-{id}", $"Customer {id}", 10m, "EUR", "Created");

    private async Task<(NewOrdersDigestOutbox Outbox, NewOrdersDigestSender Sender)> CreateAsync()
    {
        var outbox = new NewOrdersDigestOutbox(await _azurite.CreateTableAsync("digests"), await _azurite.CreateQueueAsync("digests"), _time, Interval);
        var options = Options.Create(new NotificationOptions { Mode = NotificationMode.File, DefaultRecipient = "merchant@example.com", SenderAddress = "DoNotReply@orders.example.com" });
        return (outbox, new NewOrdersDigestSender(outbox, new NotificationRenderer(new OperatorLinks(null)), _mail.Object, options));
    }
}

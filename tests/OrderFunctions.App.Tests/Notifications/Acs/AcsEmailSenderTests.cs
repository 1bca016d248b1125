using Azure;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Notifications.Acs;
using OrderFunctions.App.Tests.Notifications.Support;

namespace OrderFunctions.App.Tests.Notifications.Acs;

/// <summary>The ACS sender: at most one mail per message id, failures thrown for the queue to retry.</summary>
public sealed class AcsEmailSenderTests : IAsyncLifetime
{
    private const string Sender = "DoNotReply@orders.example.com";

    private readonly SecretLeakWatch _watch = new();
    private FakeAcsEmailService _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeAcsEmailService.StartAsync();

    public async Task DisposeAsync()
    {
        try
        {
            _watch.AssertNoneContains(Convert.ToBase64String(_fake.AccessKey));
        }
        finally
        {
            _watch.Dispose();
            await _fake.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendDeliversTheMailAndFollowsItToSuccess()
    {
        var message = TestMessages.Email();

        await SenderUnderTest().SendAsync(message, CancellationToken.None);

        var accepted = Assert.Single(_fake.Accepted);
        Assert.Equal(AcsEmailSender.OperationIdFor(Sender, message).ToString("D"), accepted.OperationId);
        Assert.True(_fake.PollCount(accepted.OperationId) >= 2);
        Assert.Contains(_watch.Lines, l => l.Contains($"Email {message.Id} sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedeliveredMessageIsNotSentAgain()
    {
        var message = TestMessages.Email();
        var sender = SenderUnderTest();

        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message, CancellationToken.None);

        Assert.Single(_fake.Accepted);
        Assert.Single(_fake.SendAttemptOperationIds);
        Assert.Contains(_watch.Lines, l => l.Contains("already accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DifferentMessagesAreDifferentMails()
    {
        var sender = SenderUnderTest();

        await sender.SendAsync(TestMessages.Email(id: "new-orders:demo:20250701T1000Z"), CancellationToken.None);
        await sender.SendAsync(TestMessages.Email(id: "new-orders:demo:20250701T1015Z"), CancellationToken.None);

        Assert.Equal(2, _fake.Accepted.Select(a => a.OperationId).Distinct().Count());
    }

    [Fact]
    public async Task FailedMailThrowsSoTheQueueMessageIsRetried()
    {
        _fake.TerminalStatus = AcsEmailStatus.Failed;
        _fake.TerminalErrorCode = "EmailDroppedAllRecipientsSuppressed";

        var e = await _watch.ThrowsAsync<RequestFailedException>(() => SenderUnderTest().SendAsync(TestMessages.Email(), CancellationToken.None));

        Assert.Equal("EmailDroppedAllRecipientsSuppressed", e.ErrorCode);
        Assert.Contains(_watch.Lines, l => l.Contains("failed", StringComparison.Ordinal) && l.Contains("EmailDroppedAllRecipientsSuppressed", StringComparison.Ordinal));
    }

    [Fact]
    public void OperationIdDependsOnMessageSenderAndRecipientsOnly()
    {
        var message = TestMessages.Email();

        Assert.Equal(AcsEmailSender.OperationIdFor(Sender, message), AcsEmailSender.OperationIdFor(Sender.ToUpperInvariant(), message with { Subject = "changed" }));
        Assert.NotEqual(AcsEmailSender.OperationIdFor(Sender, message), AcsEmailSender.OperationIdFor("other@orders.example.com", message));
        Assert.NotEqual(AcsEmailSender.OperationIdFor(Sender, message), AcsEmailSender.OperationIdFor(Sender, message with { To = [new("someone.else@example.com")] }));
        Assert.NotEqual(AcsEmailSender.OperationIdFor(Sender, message), AcsEmailSender.OperationIdFor(Sender, message with { Id = message.Id + "x" }));
    }

    private AcsEmailSender SenderUnderTest() => new(
        new AcsEmailClient(AcsConnectionString.Parse(_fake.ConnectionString), AcsTestSupport.OptionsFor(_fake), logger: _watch.LoggerFactory.CreateLogger<AcsEmailClient>()),
        Sender,
        _watch.LoggerFactory.CreateLogger<AcsEmailSender>());
}

using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Core;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Notifications.Acs;
using OrderFunctions.App.Tests.Notifications.Support;

namespace OrderFunctions.App.Tests.Notifications.Acs;

/// <summary>The ACS client against the local fake that recomputes the documented HMAC signature (access-key mode).
/// After every test, no log line, Azure.Core event or observed exception may contain the access key.</summary>
public sealed class AcsEmailClientTests : IAsyncLifetime
{
    private const string Sender = "DoNotReply@orders.example.com";

    private readonly SecretLeakWatch _watch = new();
    private readonly string _wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private FakeAcsEmailService _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeAcsEmailService.StartAsync();

    public async Task DisposeAsync()
    {
        try
        {
            _watch.AssertNoneContains(Convert.ToBase64String(_fake.AccessKey), _wrongKey);
        }
        finally
        {
            _watch.Dispose();
            await _fake.DisposeAsync();
        }
    }

    [Fact]
    public async Task CorrectlySignedSendIsAcceptedWithTheDocumentedBody()
    {
        var client = Client();
        var operationId = Guid.NewGuid();
        var message = TestMessages.Email();

        var operation = await client.StartSendAsync(Sender, message, operationId, CancellationToken.None);

        Assert.Equal(operationId.ToString("D"), operation.Id);
        Assert.Equal(AcsEmailStatus.Running, operation.Status);
        var accepted = Assert.Single(_fake.Accepted);
        Assert.Equal(operationId.ToString("D"), accepted.OperationId);
        var body = accepted.Body;
        Assert.Equal(Sender, body.GetProperty("senderAddress").GetString());
        var to = Assert.Single(body.GetProperty("recipients").GetProperty("to").EnumerateArray());
        Assert.Equal("merchant@example.com", to.GetProperty("address").GetString());
        Assert.Equal("Ayşe Yılmaz", to.GetProperty("displayName").GetString());
        Assert.Equal(message.Subject, body.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal(message.PlainText, body.GetProperty("content").GetProperty("plainText").GetString());
        Assert.Equal(message.Html, body.GetProperty("content").GetProperty("html").GetString());
        Assert.True(body.GetProperty("userEngagementTrackingDisabled").GetBoolean());
        Assert.Empty(_fake.Rejections);
    }

    [Fact]
    public async Task WaitForCompletionPollsARunningOperationUntilItSucceeds()
    {
        _fake.RunningPolls = 2;
        var client = Client();
        var operation = await client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None);

        var completed = await client.WaitForCompletionAsync(operation.Id, CancellationToken.None);

        Assert.Equal(AcsEmailStatus.Succeeded, completed.Status);
        Assert.Equal(3, _fake.PollCount(operation.Id));
        Assert.Empty(_fake.Rejections);
    }

    [Fact]
    public async Task SendSignedWithAWrongKeyIsRejectedWith401()
    {
        var client = Client(AcsConnectionString.Parse($"endpoint={_fake.Endpoint.AbsoluteUri};accesskey={_wrongKey}"));

        var e = await _watch.ThrowsAsync<RequestFailedException>(() => client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(401, e.Status);
        Assert.Equal("Denied", e.ErrorCode);
        Assert.Empty(_fake.Accepted);
        Assert.Contains("signature does not match", _fake.Rejections);
    }

    [Fact]
    public async Task BodyChangedAfterSigningIsRejectedWith401()
    {
        var options = AcsTestSupport.OptionsFor(_fake);
        options.AddPolicy(new TamperingPolicy(), HttpPipelinePosition.BeforeTransport);
        var client = Client(options: options);

        var e = await _watch.ThrowsAsync<RequestFailedException>(() => client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(401, e.Status);
        Assert.Empty(_fake.Accepted);
        Assert.Contains("x-ms-content-sha256 does not match the body", _fake.Rejections);
    }

    [Fact]
    public async Task RequestSignedWithAStaleDateIsRejectedWith401()
    {
        var client = Client(time: new OffsetTimeProvider(TimeSpan.FromHours(-1)));

        var e = await _watch.ThrowsAsync<RequestFailedException>(() => client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(401, e.Status);
        Assert.Contains("x-ms-date is not a fresh RFC 1123 date", _fake.Rejections);
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithTheSameOperationIdAndSendOneMail()
    {
        _fake.FailNextSends(2);
        var client = Client();
        var operationId = Guid.NewGuid();

        var operation = await client.StartSendAsync(Sender, TestMessages.Email(), operationId, CancellationToken.None);

        Assert.Equal(operationId.ToString("D"), operation.Id);
        Assert.Equal(3, _fake.SendAttemptOperationIds.Count);
        Assert.All(_fake.SendAttemptOperationIds, id => Assert.Equal(operationId.ToString("D"), id));
        Assert.Single(_fake.Accepted);
    }

    [Fact]
    public async Task ServerErrorsBeyondTheRetryBudgetSurfaceAs503()
    {
        _fake.FailNextSends(100);
        var options = AcsTestSupport.OptionsFor(_fake);
        options.Retry.MaxRetries = 2;
        var client = Client(options: options);

        var e = await _watch.ThrowsAsync<RequestFailedException>(() => client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(503, e.Status);
        Assert.Equal("ServiceUnavailable", e.ErrorCode);
        Assert.Equal(3, _fake.SendAttemptOperationIds.Count);
        Assert.Empty(_fake.Accepted);
    }

    [Fact]
    public async Task RepeatedOperationIdSendsNoSecondMail()
    {
        var client = Client();
        var operationId = Guid.NewGuid();

        var first = await client.StartSendAsync(Sender, TestMessages.Email(), operationId, CancellationToken.None);
        var second = await client.StartSendAsync(Sender, TestMessages.Email(), operationId, CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Single(_fake.Accepted);
    }

    [Fact]
    public async Task FailedOperationSurfacesAsRequestFailedExceptionWithTheServiceErrorCode()
    {
        _fake.TerminalStatus = AcsEmailStatus.Failed;
        _fake.TerminalErrorCode = "EmailDroppedAllRecipientsSuppressed";
        var client = Client();
        var operation = await client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None);

        var e = await _watch.ThrowsAsync<RequestFailedException>(() => client.WaitForCompletionAsync(operation.Id, CancellationToken.None));

        Assert.Equal("EmailDroppedAllRecipientsSuppressed", e.ErrorCode);
        Assert.Contains(operation.Id, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperationStillRunningWhenThePollBudgetRunsOutTimesOut()
    {
        _fake.RunningPolls = int.MaxValue;
        var options = AcsTestSupport.OptionsFor(_fake);
        options.MaxPollDuration = TimeSpan.FromMilliseconds(200);
        var client = Client(options: options);
        var operation = await client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None);

        var e = await _watch.ThrowsAsync<RequestFailedException>(() => client.WaitForCompletionAsync(operation.Id, CancellationToken.None));

        Assert.Equal(AcsEmailErrorCodes.OperationTimedOut, e.ErrorCode);
        Assert.True(_fake.PollCount(operation.Id) >= 1);
    }

    [Fact]
    public async Task UnreachableServiceFailsWithRequestFailedExceptionAfterItsRetries()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = AcsTestSupport.OptionsFor(_fake);
        options.Retry.MaxRetries = 2;
        var client = Client(AcsConnectionString.Parse($"endpoint=https://127.0.0.1:{closedPort}/;accesskey={Convert.ToBase64String(_fake.AccessKey)}"), options);

        var e = await _watch.ThrowsAsync<RequestFailedException>(() => client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(0, e.Status);
        Assert.Equal(AcsEmailErrorCodes.ServiceUnreachable, e.ErrorCode);
        Assert.Contains("emails:send", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOperationReadsAsNull()
    {
        var client = Client();

        var operation = await client.GetOperationAsync(Guid.NewGuid().ToString("D"), CancellationToken.None);

        Assert.Null(operation);
        Assert.Empty(_fake.Rejections);
    }

    [Fact]
    public async Task SigningDoesNotConsumeTheBodyItSends()
    {
        // The signature covers the exact bytes that travel: the fake parsed the same JSON it hashed.
        var client = Client();
        await client.StartSendAsync(Sender, TestMessages.Email(subject: "Ünïcødé <&> \"quoted\""), Guid.NewGuid(), CancellationToken.None);

        var body = Assert.Single(_fake.Accepted).Body;
        Assert.Equal("Ünïcødé <&> \"quoted\"", body.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
    }

    [Fact]
    public async Task PipelineDiagnosticsAreWatchedAndShowTheAuthorizationHeaderRedacted()
    {
        var client = Client();

        await client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None);

        // The leak check after each test reads these lines too; here: they exist and hide the signature.
        var requestLines = _watch.Lines.Where(l => l.Contains("emails:send", StringComparison.Ordinal) && l.Contains("Authorization", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, l => Assert.Contains("Authorization:REDACTED", l, StringComparison.Ordinal));
    }

    private AcsEmailClient Client(AcsConnectionString? connectionString = null, AcsEmailClientOptions? options = null, TimeProvider? time = null) =>
        new(connectionString ?? AcsConnectionString.Parse(_fake.ConnectionString), options ?? AcsTestSupport.OptionsFor(_fake), time, _watch.LoggerFactory.CreateLogger<AcsEmailClient>());
}

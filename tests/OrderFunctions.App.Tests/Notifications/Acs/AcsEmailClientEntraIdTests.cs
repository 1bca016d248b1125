using Azure;
using Microsoft.Extensions.Logging;
using OrderFunctions.App.Notifications.Acs;
using OrderFunctions.App.Tests.Notifications.Support;

namespace OrderFunctions.App.Tests.Notifications.Acs;

/// <summary>The Microsoft Entra ID path: a bearer token for the Communication scope, checked by the fake. After every
/// test, no log line, Azure.Core event or observed exception may contain a token.</summary>
public sealed class AcsEmailClientEntraIdTests : IAsyncLifetime
{
    private const string Sender = "DoNotReply@orders.example.com";

    private readonly SecretLeakWatch _watch = new();
    private readonly string _token = "test-token-" + Guid.NewGuid().ToString("N");
    private readonly string _wrongToken = "wrong-token-" + Guid.NewGuid().ToString("N");
    private FakeAcsEmailService _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeAcsEmailService.StartAsync(bearerToken: _token);

    public async Task DisposeAsync()
    {
        try
        {
            _watch.AssertNoneContains(_token, _wrongToken);
        }
        finally
        {
            _watch.Dispose();
            await _fake.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendCarriesABearerTokenForTheCommunicationScope()
    {
        var credential = new TestTokenCredential(_token);
        var client = Client(credential);

        var operation = await client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None);
        var completed = await client.WaitForCompletionAsync(operation.Id, CancellationToken.None);

        Assert.Equal(AcsEmailStatus.Succeeded, completed.Status);
        Assert.Single(_fake.Accepted);
        Assert.Empty(_fake.Rejections);
        Assert.All(credential.RequestedScopes, scope => Assert.Equal("https://communication.azure.com//.default", scope));
        Assert.NotEmpty(credential.RequestedScopes);
    }

    [Fact]
    public async Task WrongBearerTokenIsRejectedWith401()
    {
        var client = Client(new TestTokenCredential(_wrongToken));

        var e = await _watch.ThrowsAsync<RequestFailedException>(() => client.StartSendAsync(Sender, TestMessages.Email(), Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(401, e.Status);
        Assert.Empty(_fake.Accepted);
        Assert.Contains("bearer token missing or wrong", _fake.Rejections);
    }

    [Fact]
    public void PlainHttpEndpointIsRefusedSoTokensNeverTravelInTheClear()
    {
        var e = Assert.Throws<ArgumentException>(() => new AcsEmailClient(new Uri("http://127.0.0.1:1/"), new TestTokenCredential(_token)));

        Assert.Contains("https", e.Message, StringComparison.Ordinal);
    }

    private AcsEmailClient Client(TestTokenCredential credential) =>
        new(_fake.Endpoint, credential, AcsTestSupport.OptionsFor(_fake), logger: _watch.LoggerFactory.CreateLogger<AcsEmailClient>());
}

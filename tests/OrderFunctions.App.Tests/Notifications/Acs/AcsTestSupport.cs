using Azure.Core;
using Azure.Core.Pipeline;
using OrderFunctions.App.Notifications.Acs;

namespace OrderFunctions.App.Tests.Notifications.Acs;

internal static class AcsTestSupport
{
    /// <summary>Client options for the fake: trust its certificate (and nothing else), short retry and poll waits.</summary>
    public static AcsEmailClientOptions OptionsFor(FakeAcsEmailService fake)
    {
        var thumbprint = fake.Certificate.GetCertHashString();
        var options = new AcsEmailClientOptions
        {
            Transport = new HttpClientTransport(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
            }),
            PollInterval = TimeSpan.FromMilliseconds(20),
            MaxPollDuration = TimeSpan.FromSeconds(20),
        };
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
        return options;
    }
}

/// <summary>A credential that hands out one fixed token and records the scopes it was asked for.</summary>
internal sealed class TestTokenCredential(string token) : TokenCredential
{
    public List<string> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (RequestedScopes)
        {
            RequestedScopes.AddRange(requestContext.Scopes);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}

/// <summary>A clock that runs <paramref name="offset"/> ahead of (or behind) the real one.</summary>
internal sealed class OffsetTimeProvider(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
}

/// <summary>Replaces the body after the request was signed, as a man in the middle would.</summary>
internal sealed class TamperingPolicy : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Content = RequestContent.Create("{\"senderAddress\":\"attacker@example.com\",\"recipients\":{\"to\":[{\"address\":\"victim@example.com\"}]},\"content\":{\"subject\":\"x\"}}"u8.ToArray());
}

using System.Text;
using System.Text.Json;
using Azure.Core;

namespace OrderFunctions.Storage.Tests.Support;

/// <summary>A token credential handing out an unsigned JWT with the given audience and expiry: enough for Azurite's
/// <c>--oauth basic</c>, which checks issuer, audience and lifetime but not the signature.</summary>
internal sealed class UnsignedJwtCredential(string audience, DateTimeOffset expiresOn) : TokenCredential
{
    public List<string[]> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (RequestedScopes)
        {
            RequestedScopes.Add(requestContext.Scopes);
        }

        // The client must not refuse an expired JWT itself: the service is what is under test, so the AccessToken
        // always looks fresh to Azure.Core.
        return new AccessToken(CreateJwt(), DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private string CreateJwt()
    {
        var now = DateTimeOffset.UtcNow;
        var header = new { alg = "RS256", typ = "JWT" };
        var payload = new
        {
            aud = audience,
            iss = "https://sts.windows.net/00000000-0000-0000-0000-000000000001/",
            iat = now.AddMinutes(-10).ToUnixTimeSeconds(),
            nbf = now.AddMinutes(-10).ToUnixTimeSeconds(),
            exp = expiresOn.ToUnixTimeSeconds(),
            oid = "00000000-0000-0000-0000-000000000002",
            tid = "00000000-0000-0000-0000-000000000001",
        };
        return $"{Segment(header)}.{Segment(payload)}.{Base64Url(Encoding.UTF8.GetBytes("unsigned"))}";
    }

    private static string Segment(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace OrderFunctions.App.Notifications.Acs;

/// <summary>
/// Signs every request with an ACS access key, as documented in "Sign an HTTP request with HMAC" (Azure Communication
/// Services tutorials): <c>x-ms-date</c> (RFC 1123), <c>x-ms-content-sha256</c> (base64 SHA-256 of the body, also for an
/// empty body) and <c>Authorization: HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&amp;Signature={sig}</c>,
/// where <c>sig</c> = base64(HMAC-SHA256(key, "{VERB}\n{path and query}\n{x-ms-date};{host};{content hash}")).
/// It is a per-retry policy: each attempt is signed afresh with the current time.
/// </summary>
internal sealed class AcsHmacAuthenticationPolicy : HttpPipelineSynchronousPolicy
{
    public const string DateHeader = "x-ms-date";
    public const string ContentHashHeader = "x-ms-content-sha256";
    public const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

    private readonly byte[] _accessKey;
    private readonly TimeProvider _time;

    public AcsHmacAuthenticationPolicy(byte[] accessKey, TimeProvider time)
    {
        _accessKey = accessKey;
        _time = time;
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var date = _time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var contentHash = ContentHash(request.Content, message.CancellationToken);

        // Host includes the port when it is not the scheme's default (Uri.Authority), as the HTTP Host header does.
        var stringToSign = $"{request.Method.Method}\n{uri.PathAndQuery}\n{date};{uri.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_accessKey, Encoding.UTF8.GetBytes(stringToSign)));

        request.Headers.SetValue(DateHeader, date);
        request.Headers.SetValue(ContentHashHeader, contentHash);
        request.Headers.SetValue(HttpHeader.Names.Authorization, $"HMAC-SHA256 SignedHeaders={SignedHeaders}&Signature={signature}");
    }

    private static string ContentHash(RequestContent? content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        content?.WriteTo(buffer, cancellationToken);
        return Convert.ToBase64String(SHA256.HashData(buffer.ToArray()));
    }
}

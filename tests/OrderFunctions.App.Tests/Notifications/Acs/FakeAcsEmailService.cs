using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace OrderFunctions.App.Tests.Notifications.Acs;

/// <summary>
/// A local stand-in for the ACS Email data plane (Kestrel, HTTPS with a throw-away certificate, 127.0.0.1, a free port).
/// It authenticates every request as the service documents it, written here independently of the client's signer:
/// it recomputes the body's SHA-256 and the HMAC-SHA256 signature over "VERB\npath?query\ndate;host;hash" from the raw
/// request, checks that <c>x-ms-date</c> is fresh, and answers 401 otherwise; or, in Entra ID mode, accepts only the
/// expected bearer token. It implements <c>emails:send</c> (202 + Operation-Location, one mail per Operation-Id) and
/// <c>emails/operations/{id}</c> (Running for a number of polls, then a terminal status), with knobs for faults.
/// </summary>
internal sealed partial class FakeAcsEmailService : IAsyncDisposable
{
    public const string SignedHeaders = "x-ms-date;host;x-ms-content-sha256";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeOperation> _operations = new();
    private readonly ConcurrentQueue<string> _rejections = new();
    private readonly ConcurrentQueue<string?> _sendAttemptOperationIds = new();
    private readonly ConcurrentQueue<AcceptedEmail> _accepted = new();
    private int _failuresLeft;

    private FakeAcsEmailService(WebApplication app, X509Certificate2 certificate, byte[] accessKey, string? bearerToken)
    {
        _app = app;
        Certificate = certificate;
        AccessKey = accessKey;
        BearerToken = bearerToken;
    }

    public X509Certificate2 Certificate { get; }

    public byte[] AccessKey { get; }

    /// <summary>When set, requests must carry <c>Authorization: Bearer {token}</c> instead of an HMAC signature.</summary>
    public string? BearerToken { get; }

    public Uri Endpoint { get; private set; } = null!;

    public string ConnectionString => $"endpoint={Endpoint.AbsoluteUri};accesskey={Convert.ToBase64String(AccessKey)}";

    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Polls answered <c>Running</c> before an operation reports <see cref="TerminalStatus"/>.</summary>
    public int RunningPolls { get; set; } = 1;

    public string TerminalStatus { get; set; } = "Succeeded";

    public string? TerminalErrorCode { get; set; }

    /// <summary>The <c>retry-after</c> (seconds) sent with non-terminal statuses.</summary>
    public int RetryAfterSeconds { get; set; }

    /// <summary>Mails accepted, one per Operation-Id.</summary>
    public IReadOnlyList<AcceptedEmail> Accepted => [.. _accepted];

    /// <summary>The Operation-Id of every <c>emails:send</c> that passed authentication (retries included).</summary>
    public IReadOnlyList<string?> SendAttemptOperationIds => [.. _sendAttemptOperationIds];

    /// <summary>Why requests were refused with 401.</summary>
    public IReadOnlyList<string> Rejections => [.. _rejections];

    public int PollCount(string operationId) => _operations.TryGetValue(operationId, out var operation) ? operation.Polls : 0;

    /// <summary>The next <paramref name="count"/> authenticated sends answer 503.</summary>
    public void FailNextSends(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<FakeAcsEmailService> StartAsync(string? bearerToken = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var certificate = CreateCertificate();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();

        var fake = new FakeAcsEmailService(app, certificate, RandomNumberGenerator.GetBytes(32), bearerToken);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Endpoint = new Uri(app.Urls.Single(u => u.StartsWith("https://", StringComparison.Ordinal)) + "/");
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        var refusal = BearerToken is null ? CheckSignature(context, body) : CheckBearer(context);
        if (refusal is not null)
        {
            _rejections.Enqueue(refusal);
            await ErrorAsync(context, 401, "Denied", "Denied by the resource provider.");
            return;
        }

        if (string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            await ErrorAsync(context, 400, "MissingApiVersionParameter", "The api-version query parameter is required.");
            return;
        }

        var path = context.Request.Path.Value ?? "";
        if (context.Request.Method == "POST" && path == "/emails:send")
        {
            await SendAsync(context, body);
        }
        else if (context.Request.Method == "GET" && path.StartsWith("/emails/operations/", StringComparison.Ordinal))
        {
            await GetOperationAsync(context, path["/emails/operations/".Length..]);
        }
        else
        {
            await ErrorAsync(context, 404, "NotFound", "No such route.");
        }
    }

    private string? CheckSignature(HttpContext context, byte[] body)
    {
        var headers = context.Request.Headers;
        var date = headers["x-ms-date"].ToString();
        var contentHash = headers["x-ms-content-sha256"].ToString();
        var authorization = headers.Authorization.ToString();
        if (date.Length == 0 || contentHash.Length == 0 || authorization.Length == 0)
        {
            return "missing x-ms-date, x-ms-content-sha256 or Authorization";
        }

        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt)
            || (DateTimeOffset.UtcNow - sentAt).Duration() > MaxClockSkew)
        {
            return "x-ms-date is not a fresh RFC 1123 date";
        }

        if (contentHash != Convert.ToBase64String(SHA256.HashData(body)))
        {
            return "x-ms-content-sha256 does not match the body";
        }

        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success || match.Groups["headers"].Value != SignedHeaders)
        {
            return "Authorization is not 'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=…'";
        }

        // The exact request target as it came over the wire: path and query, unescaped nothing.
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var stringToSign = $"{context.Request.Method}\n{target}\n{date};{context.Request.Host.Value};{contentHash}";
        var expected = HMACSHA256.HashData(AccessKey, Encoding.ASCII.GetBytes(stringToSign));
        var provided = new byte[64];
        return Convert.TryFromBase64String(match.Groups["signature"].Value, provided, out var length)
               && CryptographicOperations.FixedTimeEquals(provided.AsSpan(0, length), expected)
            ? null
            : "signature does not match";
    }

    private string? CheckBearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() == $"Bearer {BearerToken}" ? null : "bearer token missing or wrong";

    private async Task SendAsync(HttpContext context, byte[] body)
    {
        var operationId = context.Request.Headers["Operation-Id"].ToString();
        _sendAttemptOperationIds.Enqueue(operationId.Length == 0 ? null : operationId);
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            await ErrorAsync(context, 503, "ServiceUnavailable", "Try again later.");
            return;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (!root.TryGetProperty("senderAddress", out _) || !root.TryGetProperty("recipients", out var recipients)
            || recipients.GetProperty("to").GetArrayLength() == 0 || !root.TryGetProperty("content", out var content)
            || !content.TryGetProperty("subject", out _))
        {
            await ErrorAsync(context, 400, "InvalidRequest", "senderAddress, recipients.to and content.subject are required.");
            return;
        }

        if (operationId.Length == 0)
        {
            operationId = Guid.NewGuid().ToString("D");
        }

        // One mail per operation id: a repeated id is answered with the existing operation, nothing is sent again.
        if (_operations.TryAdd(operationId, new FakeOperation()))
        {
            _accepted.Enqueue(new AcceptedEmail(operationId, root.Clone()));
        }

        context.Response.StatusCode = 202;
        context.Response.Headers["Operation-Location"] = $"{Endpoint.AbsoluteUri}emails/operations/{operationId}?api-version={context.Request.Query["api-version"]}";
        context.Response.Headers["retry-after"] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsJsonAsync(new { id = operationId, status = "Running" });
    }

    private async Task GetOperationAsync(HttpContext context, string operationId)
    {
        if (!_operations.TryGetValue(operationId, out var operation))
        {
            await ErrorAsync(context, 404, "NotFound", "Operation not found.");
            return;
        }

        var polls = Interlocked.Increment(ref operation.PollCounter);
        if (polls <= RunningPolls)
        {
            context.Response.Headers["retry-after"] = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new { id = operationId, status = "Running" });
            return;
        }

        object? error = TerminalErrorCode is null ? null : new { code = TerminalErrorCode, message = "The mail could not be delivered." };
        await context.Response.WriteAsJsonAsync(new { id = operationId, status = TerminalStatus, error });
    }

    private static async Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-ms-error-code"] = code;
        await context.Response.WriteAsJsonAsync(new { error = new { code, message } });
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    [GeneratedRegex("^HMAC-SHA256 SignedHeaders=(?<headers>[^&]+)&Signature=(?<signature>.+)$")]
    private static partial Regex AuthorizationPattern();

    private sealed class FakeOperation
    {
        public int PollCounter;

        public int Polls => Volatile.Read(ref PollCounter);
    }
}

/// <summary>A mail the fake accepted: its operation id and the JSON request body.</summary>
internal sealed record AcceptedEmail(string OperationId, JsonElement Body);

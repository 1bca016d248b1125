using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrderFunctions.App.Tests.Secrets;

/// <summary>One request the fake vault received.</summary>
internal sealed record VaultRequest(string Method, string Path, string? ApiVersion, string? Authorization);

/// <summary>
/// A small stand-in for Key Vault's secrets GET over HTTPS (bearer tokens are refused over plain HTTP): it answers
/// an unauthenticated request with Key Vault's 401 challenge, accepts only <see cref="Token"/>, and serves the secrets
/// the test sets (404 <c>SecretNotFound</c> otherwise, or the status the test forces).
/// </summary>
internal sealed class FakeKeyVault : IAsyncDisposable
{
    public const string Token = "test-vault-token";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    private readonly WebApplication _app;
    private readonly string _thumbprint;
    private readonly ConcurrentQueue<VaultRequest> _requests = new();

    private FakeKeyVault(WebApplication app, Uri uri, string thumbprint)
    {
        _app = app;
        Uri = uri;
        _thumbprint = thumbprint;
    }

    public Uri Uri { get; }

    public ConcurrentDictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every authenticated request gets this status.</summary>
    public HttpStatusCode? ForcedStatus { get; set; }

    public IReadOnlyList<VaultRequest> Requests => [.. _requests];

    /// <summary>The token scopes the client asked its credential for.</summary>
    public RecordingCredential Credential { get; } = new();

    public static async Task<FakeKeyVault> StartAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeKeyVault? vault = null;
        app.Run(context => vault!.HandleAsync(context));
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()).Port;
        vault = new FakeKeyVault(app, new Uri($"https://127.0.0.1:{port}/"), certificate.Thumbprint);
        return vault;
    }

    /// <summary>The client the store would use, trusting this vault's certificate; no retries unless asked.</summary>
    public SecretClient Client(int maxRetries = 0) => OrderFunctions.App.Secrets.KeyVaultSecretStore.CreateClient(Uri, Credential, options =>
    {
        options.Transport = new HttpClientTransport(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == _thumbprint,
        });
        options.Retry.MaxRetries = maxRetries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        // The challenge names vault.azure.net, which 127.0.0.1 is not part of.
        options.DisableChallengeResourceVerification = true;
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        _requests.Enqueue(new VaultRequest(context.Request.Method, context.Request.Path.Value!, context.Request.Query["api-version"], authorization.Length == 0 ? null : authorization));
        if (authorization.Length == 0)
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.microsoftonline.com/{TenantId}\", resource=\"https://vault.azure.net\"";
            return;
        }

        if (authorization != $"Bearer {Token}")
        {
            await Error(context, 401, "Unauthorized", "AKV10032: Invalid issuer.");
            return;
        }

        var segments = context.Request.Path.Value!.Trim('/').Split('/');
        if (ForcedStatus is { } forced)
        {
            await Error(context, (int)forced, forced == HttpStatusCode.Forbidden ? "Forbidden" : "ServiceUnavailable", "Forced by the test.");
        }
        else if (context.Request.Method == "GET" && segments is ["secrets", var name] && Secrets.TryGetValue(name, out var value))
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["value"] = value,
                ["id"] = $"{Uri.AbsoluteUri}secrets/{name}/0123456789abcdef0123456789abcdef",
                ["attributes"] = new JsonObject { ["enabled"] = true },
            });
        }
        else
        {
            await Error(context, 404, "SecretNotFound", "A secret with (name/id) was not found in this key vault.");
        }
    }

    private static Task Error(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
    }

    /// <summary>A credential that hands out <see cref="Token"/> and records what it was asked for.</summary>
    internal sealed class RecordingCredential : TokenCredential
    {
        private readonly ConcurrentQueue<TokenRequestContext> _requests = new();

        public IReadOnlyList<TokenRequestContext> Requests => [.. _requests];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            _requests.Enqueue(requestContext);
            return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}

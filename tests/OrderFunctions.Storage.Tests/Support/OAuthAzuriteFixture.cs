using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using OrderFunctions.Testing.Azurite;

namespace OrderFunctions.Storage.Tests.Support;

/// <summary>
/// A second Azurite that accepts bearer tokens: <c>--oauth basic</c> needs HTTPS, so it gets a self-signed
/// certificate for 127.0.0.1 made here (temp directory), and clients get a transport that trusts exactly that
/// certificate.
/// </summary>
public sealed class OAuthAzuriteFixture : IAsyncLifetime
{
    private DirectoryInfo? _directory;
    private X509Certificate2? _certificate;
    private AzuriteInstance? _instance;

    public AzuriteInstance Instance => _instance ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Trusts this fixture's certificate and nothing else.</summary>
    public HttpPipelineTransport CreateTrustingTransport()
    {
        var thumbprint = _certificate!.Thumbprint;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(), thumbprint, StringComparison.OrdinalIgnoreCase),
            },
        };
        return new HttpClientTransport(handler);
    }

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("azurite-oauth-");
        var certificatePath = Path.Combine(_directory.FullName, "cert.pem");
        var keyPath = Path.Combine(_directory.FullName, "key.pem");
        _certificate = CreateSelfSignedCertificate(certificatePath, keyPath);
        _instance = await AzuriteInstance.StartAsync(new AzuriteOptions { CertificatePath = certificatePath, KeyPath = keyPath, OAuthBasic = true });
    }

    public async Task DisposeAsync()
    {
        if (_instance is not null)
        {
            await _instance.DisposeAsync();
        }

        _certificate?.Dispose();
        _directory?.Delete(recursive: true);
    }

    private static X509Certificate2 CreateSelfSignedCertificate(string certificatePath, string keyPath)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }
}

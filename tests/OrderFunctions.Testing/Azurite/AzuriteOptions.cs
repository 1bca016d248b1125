namespace OrderFunctions.Testing.Azurite;

/// <summary>How to start an Azurite for tests. The default is the plain in-memory emulator over HTTP.</summary>
public sealed record AzuriteOptions
{
    /// <summary>PEM certificate and key: serve HTTPS (required for <see cref="OAuthBasic"/>).</summary>
    public string? CertificatePath { get; init; }

    public string? KeyPath { get; init; }

    /// <summary><c>--oauth basic</c>: accept bearer tokens (audience and lifetime checked, signature not).</summary>
    public bool OAuthBasic { get; init; }

    /// <summary>How long to wait for the three services to listen.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

using Azure;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Secrets;

/// <summary>
/// Connector secrets from Azure Key Vault (DESIGN D8), read with the app's identity (it needs the
/// <c>Key Vault Secrets User</c> role). Values are kept for <see cref="CacheLifetime"/> so that steps do not each cost
/// a vault call, and a rotated secret is used within that time. Failures are <see cref="SecretStoreException"/>s naming
/// the secret and the vault: missing, disabled or forbidden secrets are not transient, outages are.
/// </summary>
internal sealed class KeyVaultSecretStore : ISecretStore
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Pinned so that an SDK update cannot change what the vault is asked; secrets GET is stable since 7.0.</summary>
    internal const SecretClientOptions.ServiceVersion ApiVersion = SecretClientOptions.ServiceVersion.V7_4;

    private readonly SecretClient _client;
    private readonly SecretCache _cache;
    private readonly ILogger<KeyVaultSecretStore> _logger;

    public KeyVaultSecretStore(SecretClient client, TimeProvider timeProvider, ILogger<KeyVaultSecretStore> logger)
    {
        _client = client;
        _cache = new SecretCache(timeProvider, CacheLifetime);
        _logger = logger;
    }

    public Uri VaultUri => _client.VaultUri;

    /// <summary>The vault client the app uses; <paramref name="configure"/> lets tests change the transport.</summary>
    public static SecretClient CreateClient(Uri vaultUri, TokenCredential credential, Action<SecretClientOptions>? configure = null)
    {
        var options = new SecretClientOptions(ApiVersion);
        options.Diagnostics.IsLoggingContentEnabled = false;
        configure?.Invoke(options);
        return new SecretClient(vaultUri, credential, options);
    }

    public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _cache.GetAsync(name, FetchAsync, cancellationToken);
    }

    private async Task<string> FetchAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var secret = await _client.GetSecretAsync(name, version: null, cancellationToken);
            SecretsLog.SecretRead(_logger, name, VaultUri.Host);
            return secret.Value.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new SecretStoreException(name, $"Key Vault {VaultUri.Host} has no secret '{name}'.", isTransient: false, e);
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            throw new SecretStoreException(
                name,
                $"Key Vault {VaultUri.Host} refused to read secret '{name}' ({e.Status} {e.ErrorCode}): the app's identity needs the 'Key Vault Secrets User' role, and the secret must be enabled.",
                isTransient: false,
                e);
        }
        catch (RequestFailedException e)
        {
            throw new SecretStoreException(name, $"Key Vault {VaultUri.Host} failed to return secret '{name}' ({e.Status} {e.ErrorCode}).", isTransient: true, e);
        }
        catch (Exception e) when (e is Azure.Identity.AuthenticationFailedException or HttpRequestException or TimeoutException)
        {
            throw new SecretStoreException(name, $"Key Vault {VaultUri.Host} could not be reached for secret '{name}' ({e.GetType().Name}).", isTransient: true, e);
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Integrations;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Factory;

/// <summary>
/// Builds the real connector of each integration's accounts (kinds in <see cref="ConnectorKinds"/>) from the
/// credentials JSON its <see cref="ConnectorAccount.SecretName"/> holds in the <see cref="ISecretStore"/>.
/// One connector is kept per integration and side, so its rate limiter, token cache and 15-minute stock memory are
/// shared by every step; it is rebuilt when the account or the secret's value changes (a rotated secret is picked up
/// once the store's own cache lets it through). Only a hash of the secret is kept to notice the change.
/// </summary>
public sealed class ConnectorFactory : IConnectorFactory
{
    private readonly ISecretStore _secrets;
    private readonly ConnectorBuildContext _context;
    private readonly ILogger<ConnectorFactory> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string IntegrationId, ConnectorSide Side), CachedConnector> _connectors = [];

    public ConnectorFactory(ISecretStore secrets, Func<ConnectorClientOptions> clientOptions, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(clientOptions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _secrets = secrets;
        _context = new ConnectorBuildContext(clientOptions, timeProvider, loggerFactory);
        _logger = loggerFactory.CreateLogger<ConnectorFactory>();
    }

    public async Task<IMarketplace> GetMarketplaceAsync(Integration integration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return (IMarketplace)await GetAsync(integration, ConnectorSide.Marketplace, integration.Marketplace, cancellationToken);
    }

    public async Task<IShop> GetShopAsync(Integration integration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return (IShop)await GetAsync(integration, ConnectorSide.Shop, integration.Shop, cancellationToken);
    }

    private async Task<object> GetAsync(Integration integration, ConnectorSide side, ConnectorAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var build = ConnectorKinds.Find(side, account.Kind)
            ?? throw new ConnectorException(
                account.Kind,
                $"integration '{integration.Id}': its {ConnectorKinds.Describe(side)} account has kind '{account.Kind}', which the hub cannot connect to as a {ConnectorKinds.Describe(side)} (known: {string.Join(", ", ConnectorKinds.Known(side))}).",
                isTransient: false,
                field: $"{side}.Kind");

        var credentials = await ReadCredentialsAsync(integration, side, account, cancellationToken);
        var fingerprint = Fingerprint(credentials);
        var key = (integration.Id, side);
        lock (_gate)
        {
            if (_connectors.TryGetValue(key, out var cached) && cached.Account == account && cached.SecretFingerprint == fingerprint)
            {
                return cached.Connector;
            }

            object connector;
            try
            {
                connector = build(account, credentials, _context);
            }
            catch (ConnectorException e)
            {
                // The connector names the platform, the secret and the field; the operator also needs the integration.
                throw new ConnectorException(e.Platform, $"integration '{integration.Id}': {e.Message}", e.IsTransient, e.HttpStatus, e.OrderId, e.Field, e);
            }

            _connectors[key] = new CachedConnector(account, fingerprint, connector);
            if (cached is null)
            {
                FactoryLog.ConnectorBuilt(_logger, integration.Id, side, account.Kind);
            }
            else
            {
                FactoryLog.ConnectorRebuilt(_logger, integration.Id, side, account.Kind, cached.Account == account ? "credentials" : "account");
            }

            return connector;
        }
    }

    private async Task<string> ReadCredentialsAsync(Integration integration, ConnectorSide side, ConnectorAccount account, CancellationToken cancellationToken)
    {
        try
        {
            return await _secrets.GetSecretAsync(account.SecretName, cancellationToken);
        }
        catch (SecretStoreException e)
        {
            FactoryLog.CredentialsUnavailable(_logger, integration.Id, side, account.SecretName, e.IsTransient);
            throw new ConnectorException(
                account.Kind,
                $"integration '{integration.Id}': the credentials of its {ConnectorKinds.Describe(side)} account ({account.Kind}) could not be read: {e.Message}",
                e.IsTransient,
                field: $"{side}.SecretName",
                innerException: e);
        }
    }

    private static string Fingerprint(string credentials) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials)));

    private sealed record CachedConnector(ConnectorAccount Account, string SecretFingerprint, object Connector);
}

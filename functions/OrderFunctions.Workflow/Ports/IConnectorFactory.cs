using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.Workflow.Ports;

/// <summary>Builds the connectors of an integration (real ones in OrderFunctions.Connectors, in-memory fakes in
/// tests). Implementations may cache per integration and credentials. An account that cannot be built (unknown kind,
/// missing or broken credentials) throws <see cref="ConnectorException"/>, transient only when the secret store
/// was unreachable.</summary>
public interface IConnectorFactory
{
    Task<IMarketplace> GetMarketplaceAsync(Integration integration, CancellationToken cancellationToken);

    Task<IShop> GetShopAsync(Integration integration, CancellationToken cancellationToken);
}

/// <summary>Connector credentials by secret name: Key Vault in Azure, a local file or settings in development.
/// Values are never logged. Failures throw <see cref="SecretStoreException"/>.</summary>
public interface ISecretStore
{
    Task<string> GetSecretAsync(string name, CancellationToken cancellationToken);
}

using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.Workflow.Ports;

/// <summary>Builds the connectors of an integration (real ones in OrderFunctions.Connectors, in-memory fakes in
/// tests). Implementations may cache per integration and credentials.</summary>
public interface IConnectorFactory
{
    Task<IMarketplace> GetMarketplaceAsync(Integration integration, CancellationToken cancellationToken);

    Task<IShop> GetShopAsync(Integration integration, CancellationToken cancellationToken);
}

/// <summary>Connector credentials by secret name: Key Vault in Azure, a local file or settings in development.
/// Values are never logged.</summary>
public interface ISecretStore
{
    Task<string> GetSecretAsync(string name, CancellationToken cancellationToken);
}

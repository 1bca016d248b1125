using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OrderFunctions.Connectors.Http;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.Connectors.Factory;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="IConnectorFactory"/> of the real connectors. It needs an
    /// <see cref="ISecretStore"/> registered too; <paramref name="configureClient"/> adjusts every connector's
    /// pipeline options (retries, timeouts, transport).</summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services, Action<ConnectorClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IConnectorFactory>(provider => new ConnectorFactory(
            provider.GetRequiredService<ISecretStore>(),
            () =>
            {
                var options = new ConnectorClientOptions();
                configureClient?.Invoke(options);
                return options;
            },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}

using Microsoft.Extensions.Logging;

namespace OrderFunctions.Connectors.Factory;

/// <summary>Source-generated log messages of the connector factory (event ids 4000–4099). Secret names, never values.</summary>
internal static partial class FactoryLog
{
    [LoggerMessage(4001, LogLevel.Information, "Integration {IntegrationId}: {Side} connector built ({Kind})")]
    public static partial void ConnectorBuilt(ILogger logger, string integrationId, ConnectorSide side, string kind);

    [LoggerMessage(4002, LogLevel.Information, "Integration {IntegrationId}: {Side} connector rebuilt ({Kind}) because its {Changed} changed")]
    public static partial void ConnectorRebuilt(ILogger logger, string integrationId, ConnectorSide side, string kind, string changed);

    [LoggerMessage(4003, LogLevel.Warning, "Integration {IntegrationId}: the credentials secret {SecretName} of its {Side} account could not be read (transient: {IsTransient})")]
    public static partial void CredentialsUnavailable(ILogger logger, string integrationId, ConnectorSide side, string secretName, bool isTransient);
}

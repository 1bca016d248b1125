namespace OrderFunctions.App.Secrets;

/// <summary>Source-generated log messages of the secret stores (event ids 300–399). Secret names, never values.</summary>
internal static partial class SecretsLog
{
    [LoggerMessage(301, LogLevel.Information, "Connector secrets are read from Key Vault {Vault} ({Credential}).")]
    public static partial void UsingKeyVault(ILogger logger, string vault, string credential);

    [LoggerMessage(302, LogLevel.Information, "Connector secrets are read from the local settings Secrets__Local__* and the file {File} (local development).")]
    public static partial void UsingLocalSecrets(ILogger logger, string file);

    [LoggerMessage(303, LogLevel.Debug, "Secret {SecretName} read from Key Vault {Vault}.")]
    public static partial void SecretRead(ILogger logger, string secretName, string vault);
}

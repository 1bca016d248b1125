using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Secrets;

internal static class SecretStoreServices
{
    /// <summary>Registers the <see cref="ISecretStore"/> that <see cref="SecretsOptions"/> selects: Key Vault when
    /// <c>Secrets__KeyVaultUri</c> is set, the local settings and file otherwise. The options themselves are bound and
    /// validated with the app's other sections (<c>AppOptions</c>).</summary>
    public static IServiceCollection AddSecretStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.PostConfigure<SecretsOptions>(options =>
            options.RunningInAzure = !string.IsNullOrEmpty(configuration[SecretsOptions.AzureSiteNameSetting]));
        services.AddSingleton<ISecretStore>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SecretsOptions>>().Value;
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SecretStoreServices).FullName!);
            if (options.UsesKeyVault)
            {
                var credential = Credential(options);
                SecretsLog.UsingKeyVault(logger, options.VaultUri.Host, credential.GetType().Name);
                return new KeyVaultSecretStore(
                    KeyVaultSecretStore.CreateClient(options.VaultUri, credential),
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<ILogger<KeyVaultSecretStore>>());
            }

            var file = string.IsNullOrWhiteSpace(options.LocalFile) ? null : Path.GetFullPath(options.LocalFile.Trim());
            SecretsLog.UsingLocalSecrets(logger, file ?? "(none)");
            return new LocalSecretStore(configuration.GetSection(SecretsOptions.SectionName).GetSection(SecretsOptions.LocalSectionName), file);
        });
        return services;
    }

    /// <summary>The app's identity, as the storage connections resolve <c>__credential</c> and <c>__clientId</c>.</summary>
    private static TokenCredential Credential(SecretsOptions options)
    {
        var clientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId.Trim();
        if (options.UsesManagedIdentity)
        {
            return new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(clientId is null ? new DefaultAzureCredentialOptions() : new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}

using System.ComponentModel.DataAnnotations;

namespace OrderFunctions.App.Secrets;

/// <summary>
/// Where connector secrets live (DESIGN D8). With <see cref="KeyVaultUri"/> set, in that Key Vault, read with the app's
/// identity (<see cref="Credential"/>, <see cref="ClientId"/>: the same meaning as the storage connections'
/// <c>__credential</c> and <c>__clientId</c>); this is the only mode allowed in Azure. Without it (local development),
/// in the settings <c>Secrets__Local__{name}</c> and in the JSON file <see cref="LocalFile"/>.
/// </summary>
internal sealed class SecretsOptions : IValidatableObject
{
    public const string SectionName = "Secrets";

    /// <summary>The configuration section holding local secrets by name (<c>Secrets__Local__{name}</c>).</summary>
    public const string LocalSectionName = "Local";

    /// <summary>The app setting that exists only when running in Azure App Service / Functions.</summary>
    internal const string AzureSiteNameSetting = "WEBSITE_SITE_NAME";

    private const string ManagedIdentity = "managedidentity";

    /// <summary>The vault's address, e.g. <c>https://orderfunctions-kv.vault.azure.net/</c>.</summary>
    public string? KeyVaultUri { get; set; }

    /// <summary><c>managedidentity</c>, or empty for DefaultAzureCredential (developer sign-in, then managed identity).</summary>
    public string? Credential { get; set; }

    /// <summary>The client id of the user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ClientId { get; set; }

    /// <summary>Local development only: a JSON file <c>{"secret-name": {credentials} or "value"}</c>, relative to the
    /// working directory. Never commit one with real values.</summary>
    public string? LocalFile { get; set; }

    /// <summary>Set from <see cref="AzureSiteNameSetting"/>; not an app setting of its own.</summary>
    internal bool RunningInAzure { get; set; }

    public bool UsesKeyVault => !string.IsNullOrWhiteSpace(KeyVaultUri);

    public bool UsesManagedIdentity => string.Equals(Credential, ManagedIdentity, StringComparison.OrdinalIgnoreCase);

    internal Uri VaultUri => new(KeyVaultUri!.Trim());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesKeyVault)
        {
            if (!Uri.TryCreate(KeyVaultUri!.Trim(), UriKind.Absolute, out var vault) || vault.Scheme != Uri.UriSchemeHttps)
            {
                yield return new ValidationResult("must be the vault's https address, e.g. https://my-vault.vault.azure.net/.", [nameof(KeyVaultUri)]);
            }

            if (!string.IsNullOrWhiteSpace(LocalFile))
            {
                yield return new ValidationResult("is for local development and cannot be combined with Secrets__KeyVaultUri.", [nameof(LocalFile)]);
            }
        }
        else if (RunningInAzure)
        {
            yield return new ValidationResult("is required in Azure: connector secrets are read from Key Vault there.", [nameof(KeyVaultUri)]);
        }

        if (!string.IsNullOrWhiteSpace(Credential) && !UsesManagedIdentity)
        {
            yield return new ValidationResult($"must be '{ManagedIdentity}' or empty (DefaultAzureCredential).", [nameof(Credential)]);
        }

        if (!string.IsNullOrWhiteSpace(ClientId) && !Guid.TryParse(ClientId, out _))
        {
            yield return new ValidationResult("must be the managed identity's client id (a GUID).", [nameof(ClientId)]);
        }
    }
}

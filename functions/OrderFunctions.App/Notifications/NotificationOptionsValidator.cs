using Microsoft.Extensions.Options;
using OrderFunctions.App.Configuration;
using OrderFunctions.App.Notifications.Acs;

namespace OrderFunctions.App.Notifications;

/// <summary>
/// The rules between <see cref="NotificationOptions"/> keys that data annotations cannot express (what each
/// <see cref="NotificationMode"/> needs, one way of authenticating to ACS). Runs at start next to the section's
/// annotation check; every failure names its app setting (<c>Notifications__Key</c>) and never repeats a value.
/// </summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Mode != NotificationMode.Disabled)
        {
            if (IsEmpty(options.SenderAddress))
            {
                failures.Add($"{Key(nameof(options.SenderAddress))} is required when {Key(nameof(options.Mode))} is {options.Mode}.");
            }

            if (IsEmpty(options.DefaultRecipient))
            {
                failures.Add($"{Key(nameof(options.DefaultRecipient))} is required when {Key(nameof(options.Mode))} is {options.Mode}: integrations without a notification address of their own send to it.");
            }
        }

        if (options.Mode == NotificationMode.File && IsEmpty(options.FileFolder))
        {
            failures.Add($"{Key(nameof(options.FileFolder))} is required when {Key(nameof(options.Mode))} is File.");
        }

        if (options.Mode == NotificationMode.Acs)
        {
            ValidateAcs(options, failures);
        }

        if (!IsEmpty(options.ApiBaseUrl) && !Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out _))
        {
            failures.Add($"{Key(nameof(options.ApiBaseUrl))} must be an absolute URL such as https://func-orders.azurewebsites.net/api.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAcs(NotificationOptions options, List<string> failures)
    {
        var hasConnectionString = !IsEmpty(options.ConnectionString);
        if (!hasConnectionString && IsEmpty(options.Endpoint))
        {
            failures.Add($"{Key(nameof(options.Mode))} is Acs but neither {Key(nameof(options.Endpoint))} (Microsoft Entra ID) nor {Key(nameof(options.ConnectionString))} (access key) is set.");
        }

        if (hasConnectionString)
        {
            try
            {
                AcsConnectionString.Parse(options.ConnectionString!);
            }
            catch (FormatException e)
            {
                failures.Add($"{Key(nameof(options.ConnectionString))} is not usable: {e.Message}");
            }

            // The identity keys choose how to authenticate without a key; next to a key they would silently be ignored.
            foreach (var (value, key) in new[] { (options.Endpoint, nameof(options.Endpoint)), (options.Credential, nameof(options.Credential)), (options.ClientId, nameof(options.ClientId)) })
            {
                if (!IsEmpty(value))
                {
                    failures.Add($"{Key(key)} is set together with {Key(nameof(options.ConnectionString))}; use one: the connection string (access key) locally, {Key(nameof(options.Endpoint))} with a managed identity in Azure.");
                }
            }
        }
        else if (!IsEmpty(options.Endpoint))
        {
            try
            {
                AcsConnectionString.ValidateEndpoint(options.Endpoint!, Key(nameof(options.Endpoint)));
            }
            catch (FormatException e)
            {
                failures.Add(e.Message);
            }
        }

        if (!IsEmpty(options.Credential) && !string.Equals(options.Credential, NotificationOptions.ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Key(nameof(options.Credential))} must be '{NotificationOptions.ManagedIdentityCredential}', or empty for DefaultAzureCredential.");
        }
    }

    private static bool IsEmpty(string? value) => string.IsNullOrWhiteSpace(value);

    private static string Key(string property) => OptionsSection.AppSettingKey(NotificationOptions.SectionName, property);
}

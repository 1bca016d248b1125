using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using OrderFunctions.App.Notifications.Acs;

namespace OrderFunctions.App.Notifications;

/// <summary>Checks <see cref="NotificationOptions"/> at start; every failure names its setting as
/// <c>Notifications:Key</c> (<c>Notifications__Key</c> in app settings) and never repeats a secret's value.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        failures.AddRange(results.Select(r => $"{Key(r.MemberNames.FirstOrDefault() ?? "")}: {r.ErrorMessage}"));

        if (options.Mode != NotificationMode.Disabled && string.IsNullOrWhiteSpace(options.DefaultRecipient))
        {
            failures.Add($"{Key(nameof(options.DefaultRecipient))} is required when {Key(nameof(options.Mode))} is {options.Mode}: integrations without a notification address of their own send to it.");
        }

        if (options.Mode != NotificationMode.Disabled && string.IsNullOrWhiteSpace(options.SenderAddress))
        {
            failures.Add($"{Key(nameof(options.SenderAddress))} is required when {Key(nameof(options.Mode))} is {options.Mode}.");
        }

        if (options.Mode == NotificationMode.File && string.IsNullOrWhiteSpace(options.FileFolder))
        {
            failures.Add($"{Key(nameof(options.FileFolder))} is required when {Key(nameof(options.Mode))} is File.");
        }

        if (options.Mode == NotificationMode.Acs)
        {
            ValidateAcs(options, failures);
        }

        if (options.ApiBaseUrl is { IsAbsoluteUri: false })
        {
            failures.Add($"{Key(nameof(options.ApiBaseUrl))} must be an absolute URL such as https://func-orders.azurewebsites.net/api.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAcs(NotificationOptions options, List<string> failures)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(options.ConnectionString);
        var hasCredential = !string.IsNullOrWhiteSpace(options.Credential);

        if (!hasConnectionString && options.Endpoint is null)
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

            // The identity settings select how to authenticate without a key; next to a key they would be ignored.
            foreach (var (set, key) in new[] { (options.Endpoint is not null, nameof(options.Endpoint)), (hasCredential, nameof(options.Credential)), (!string.IsNullOrWhiteSpace(options.ClientId), nameof(options.ClientId)) })
            {
                if (set)
                {
                    failures.Add($"{Key(key)} is set together with {Key(nameof(options.ConnectionString))}; use one: the connection string (access key) locally, {Key(nameof(options.Endpoint))} with a managed identity in Azure.");
                }
            }
        }

        if (hasCredential && !string.Equals(options.Credential, NotificationOptions.ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Key(nameof(options.Credential))} must be '{NotificationOptions.ManagedIdentityCredential}', or empty for DefaultAzureCredential (got '{options.Credential}').");
        }

        if (options.Endpoint is not null)
        {
            try
            {
                AcsConnectionString.ValidateEndpoint(options.Endpoint.OriginalString, Key(nameof(options.Endpoint)));
            }
            catch (FormatException e)
            {
                failures.Add(e.Message);
            }
        }
    }

    private static string Key(string property) => $"{NotificationOptions.SectionName}:{property}";
}

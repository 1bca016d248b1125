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

        if (hasConnectionString && hasCredential)
        {
            failures.Add($"{Key(nameof(options.ConnectionString))} and {Key(nameof(options.Credential))} are both set; use one: the connection string (access key) locally, the managed identity in Azure.");
        }
        else if (!hasConnectionString && !hasCredential)
        {
            failures.Add($"{Key(nameof(options.Mode))} is Acs but neither {Key(nameof(options.Endpoint))} with {Key(nameof(options.Credential))}={NotificationOptions.ManagedIdentityCredential} nor {Key(nameof(options.ConnectionString))} is set.");
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
        }

        if (hasCredential && !string.Equals(options.Credential, NotificationOptions.ManagedIdentityCredential, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{Key(nameof(options.Credential))} must be '{NotificationOptions.ManagedIdentityCredential}' (got '{options.Credential}').");
        }

        if (hasConnectionString && options.Endpoint is not null)
        {
            failures.Add($"{Key(nameof(options.Endpoint))} is set together with {Key(nameof(options.ConnectionString))}, which has its own endpoint; leave {Key(nameof(options.Endpoint))} empty.");
        }

        if (hasCredential && options.Endpoint is null)
        {
            failures.Add($"{Key(nameof(options.Endpoint))} is required when {Key(nameof(options.Credential))} is set, e.g. https://my-resource.communication.azure.com.");
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

        if (!string.IsNullOrWhiteSpace(options.ClientId) && !hasCredential)
        {
            failures.Add($"{Key(nameof(options.ClientId))} is set but {Key(nameof(options.Credential))} is not; a client id only selects a user-assigned managed identity.");
        }
    }

    private static string Key(string property) => $"{NotificationOptions.SectionName}:{property}";
}

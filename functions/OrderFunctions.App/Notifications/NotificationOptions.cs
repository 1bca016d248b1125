using System.ComponentModel.DataAnnotations;
using OrderFunctions.App.Notifications.Email;

namespace OrderFunctions.App.Notifications;

/// <summary>Where notification mails go.</summary>
public enum NotificationMode
{
    /// <summary>Mails are rendered and logged by id, not delivered.</summary>
    Disabled,

    /// <summary>Each mail is written as an <c>.eml</c> file into <see cref="NotificationOptions.FileFolder"/> (local runs).</summary>
    File,

    /// <summary>Azure Communication Services Email.</summary>
    Acs,
}

/// <summary>
/// The <c>Notifications</c> section (app settings <c>Notifications__Mode</c>, <c>Notifications__Endpoint</c>, …).
/// In Azure: <c>Mode=Acs</c>, <c>Endpoint</c>, <c>Credential=managedidentity</c> and, for a user-assigned identity,
/// <c>ClientId</c>. Locally: <c>Mode=File</c>, or <c>Mode=Acs</c> with a <c>ConnectionString</c> (access key; never
/// in Azure app settings). Listed in <c>AppOptions.Sections</c> (bound, data annotations checked at start); the rules
/// between keys are <see cref="NotificationOptionsValidator"/>'s. Failures name the app setting, never its value.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The one <see cref="Credential"/> value: the Functions host's convention for identity-based connections.</summary>
    public const string ManagedIdentityCredential = "managedidentity";

    public NotificationMode Mode { get; set; } = NotificationMode.Disabled;

    /// <summary>The ACS resource, e.g. <c>https://my-resource.communication.azure.com</c>: Microsoft Entra ID auth.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>endpoint=https://…;accesskey=…</c>: local and development use only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>With <see cref="Endpoint"/>: <c>managedidentity</c> for the app's managed identity; empty for
    /// DefaultAzureCredential (a developer's <c>az login</c> locally), as the Functions host treats <c>__credential</c>.</summary>
    public string? Credential { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one. Identity only.</summary>
    public string? ClientId { get; set; }

    /// <summary>The MailFrom address of a domain connected to the ACS resource (ACS rejects any other).</summary>
    [EmailAddress]
    public string? SenderAddress { get; set; }

    /// <summary>Receives the mails of integrations that have no notification address of their own.</summary>
    [EmailAddress]
    public string? DefaultRecipient { get; set; }

    /// <summary>"New orders" are collected per integration for this long and sent as one digest.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DigestInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Where <see cref="NotificationMode.File"/> writes <c>.eml</c> files; relative to the working directory.</summary>
    public string FileFolder { get; set; } = ".local/mail";

    /// <summary>The operator API the mails point to, e.g. <c>https://func-orders.azurewebsites.net/api</c>; when empty the
    /// mails show the routes with an <c>{api}</c> placeholder.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Who gets an integration's mails: its own notification address, else <see cref="DefaultRecipient"/>
    /// (none only when notifications are disabled).</summary>
    public IReadOnlyList<EmailAddress> RecipientsFor(string? integrationAddress)
    {
        var address = string.IsNullOrWhiteSpace(integrationAddress) ? DefaultRecipient : integrationAddress;
        return string.IsNullOrWhiteSpace(address) ? [] : [new EmailAddress(address.Trim())];
    }
}

using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace OrderFunctions.Storage.Connection;

/// <summary>
/// The identity-based settings of a Functions connection under one prefix, as the Storage extensions read them:
/// <c>__tableServiceUri</c>, <c>__queueServiceUri</c> (alias <c>__serviceUri</c>), <c>__accountName</c> (public-cloud
/// endpoints), <c>__credential</c> (<c>managedidentity</c>, else DefaultAzureCredential) and <c>__clientId</c>.
/// Keys are read both as <c>Prefix__key</c> and as <c>Prefix:key</c> (the environment-variable provider turns
/// <c>__</c> into <c>:</c>).
/// </summary>
internal static class IdentityConnectionSettings
{
    internal static readonly string[] Keys = ["tableServiceUri", "queueServiceUri", "serviceUri", "accountName"];

    public static bool TryRead(IConfiguration configuration, string prefix, out StorageConnection? connection)
    {
        var table = UriSetting(configuration, prefix, "tableServiceUri");
        var queue = UriSetting(configuration, prefix, "queueServiceUri") ?? UriSetting(configuration, prefix, "serviceUri");
        var accountName = Setting(configuration, prefix, "accountName");
        if (accountName is not null)
        {
            table ??= new Uri($"https://{accountName}.table.core.windows.net");
            queue ??= new Uri($"https://{accountName}.queue.core.windows.net");
        }

        if (table is null && queue is null)
        {
            connection = null;
            return false;
        }

        connection = StorageConnection.FromServiceUris(table, queue, CreateCredential(configuration, prefix));
        return true;
    }

    private static TokenCredential CreateCredential(IConfiguration configuration, string prefix)
    {
        var clientId = Setting(configuration, prefix, "clientId");
        var credential = Setting(configuration, prefix, "credential");
        if (credential is null)
        {
            return clientId is null
                ? new DefaultAzureCredential()
                : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
        }

        if (!string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"'{prefix}__credential' must be 'managedidentity' (or absent for DefaultAzureCredential).");
        }

        return new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
    }

    private static string? Setting(IConfiguration configuration, string prefix, string key)
    {
        var value = configuration[$"{prefix}:{key}"];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[$"{prefix}__{key}"];
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static Uri? UriSetting(IConfiguration configuration, string prefix, string key)
    {
        var value = Setting(configuration, prefix, key);
        if (value is null)
        {
            return null;
        }

        return Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"'{prefix}__{key}' is not an absolute http(s) URI.");
    }
}

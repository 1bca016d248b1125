using OrderFunctions.Storage.Pipeline;

namespace OrderFunctions.Storage.Connection;

/// <summary>
/// Parses an Azure Storage connection string into service endpoints and a Shared Key:
/// <c>UseDevelopmentStorage=true</c> (Azurite's well-known account on 127.0.0.1:10001/10002, path-style, optionally
/// behind <c>DevelopmentStorageProxyUri</c>), explicit <c>TableEndpoint=</c>/<c>QueueEndpoint=</c> (path-style
/// Azurite or custom domains), or <c>DefaultEndpointsProtocol</c>/<c>AccountName</c>/<c>EndpointSuffix</c>.
/// Errors name the setting that is wrong, never a value (the string holds the key).
/// </summary>
internal static class StorageConnectionString
{
    /// <summary>The emulator's documented development account; public by design, not a secret.</summary>
    internal const string DevelopmentAccountName = "devstoreaccount1";
    internal const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const int DevelopmentQueuePort = 10001;
    private const int DevelopmentTablePort = 10002;

    public static (Uri? Table, Uri? Queue, StorageSharedKey Key) Parse(string connectionString)
    {
        var settings = Split(connectionString);
        Uri? explicitTable = EndpointSetting(settings, "TableEndpoint");
        Uri? explicitQueue = EndpointSetting(settings, "QueueEndpoint");

        if (settings.TryGetValue("SharedAccessSignature", out _))
        {
            throw new FormatException("Storage connection strings with SharedAccessSignature are not supported; use an account key or identity-based settings.");
        }

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
        {
            var proxy = EndpointSetting(settings, "DevelopmentStorageProxyUri");
            var scheme = proxy?.Scheme ?? Uri.UriSchemeHttp;
            var host = proxy?.Host ?? "127.0.0.1";
            return (
                explicitTable ?? new Uri($"{scheme}://{host}:{DevelopmentTablePort}/{DevelopmentAccountName}"),
                explicitQueue ?? new Uri($"{scheme}://{host}:{DevelopmentQueuePort}/{DevelopmentAccountName}"),
                new StorageSharedKey(DevelopmentAccountName, DevelopmentAccountKey));
        }

        var accountName = Required(settings, "AccountName");
        var key = new StorageSharedKey(accountName, Required(settings, "AccountKey"));
        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", Uri.UriSchemeHttps).ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException("DefaultEndpointsProtocol in the storage connection string must be http or https.");
        }

        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net").Trim('.');
        return (
            explicitTable ?? new Uri($"{protocol}://{accountName}.table.{suffix}"),
            explicitQueue ?? new Uri($"{protocol}://{accountName}.queue.{suffix}"),
            key);
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new FormatException("The storage connection string is malformed: every part must be Name=Value, separated by ';'.");
            }

            var name = part[..separator].Trim();
            if (!settings.TryAdd(name, part[(separator + 1)..].Trim()))
            {
                throw new FormatException($"The storage connection string sets '{name}' twice.");
            }
        }

        return settings;
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The storage connection string has no {name} (nor UseDevelopmentStorage=true).");

    private static Uri? EndpointSetting(Dictionary<string, string> settings, string name)
    {
        if (!settings.TryGetValue(name, out var value) || value.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"{name} in the storage connection string is not an absolute http(s) URI.");
    }
}

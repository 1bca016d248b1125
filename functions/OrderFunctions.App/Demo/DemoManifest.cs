using System.Text.Json;
using OrderFunctions.Workflow.Integrations;

namespace OrderFunctions.App.Demo;

/// <summary>The sandbox's ports file cannot be used for seeding; the message names the file and the field.</summary>
internal sealed class DemoManifestException(string message) : Exception(message);

/// <summary>
/// The four accounts of the sandbox's ports file (<c>--ports-file</c>, docs/sandbox.md), read as the hub's
/// <see cref="ConnectorAccount"/>s. Only the account fields are read; the credentials in the file stay with the local
/// secrets file (<c>Secrets__LocalFile</c>) and never reach the integrations table.
/// </summary>
internal sealed record DemoManifest(ConnectorAccount Trendyol, ConnectorAccount Bol, ConnectorAccount WooCommerce, ConnectorAccount Shopify)
{
    public static async Task<DemoManifest> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new DemoManifestException($"The sandbox manifest '{path}' does not exist. Start the sandbox with --ports-file {path} first (scripts/run-local.sh does).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (JsonException e)
        {
            throw new DemoManifestException($"The sandbox manifest '{path}' is not valid JSON (line {e.LineNumber + 1}).");
        }

        using (document)
        {
            var accounts = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("accounts", out var found) && found.ValueKind == JsonValueKind.Object
                ? found
                : throw new DemoManifestException($"The sandbox manifest '{path}' has no \"accounts\" object; is it the sandbox's --ports-file?");
            return new DemoManifest(
                Account(path, accounts, "trendyol"),
                Account(path, accounts, "bol"),
                Account(path, accounts, "woocommerce"),
                Account(path, accounts, "shopify"));
        }
    }

    private static ConnectorAccount Account(string path, JsonElement accounts, string name)
    {
        if (!accounts.TryGetProperty(name, out var account) || account.ValueKind != JsonValueKind.Object)
        {
            throw new DemoManifestException($"The sandbox manifest '{path}': accounts.{name} is missing.");
        }

        var kind = Text(path, account, name, "kind", required: true)!;
        if (kind != name)
        {
            throw new DemoManifestException($"The sandbox manifest '{path}': accounts.{name}.kind must be '{name}', not '{kind}'.");
        }

        var baseUrl = Text(path, account, name, "baseUrl", required: true)!;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new DemoManifestException($"The sandbox manifest '{path}': accounts.{name}.baseUrl must be an absolute http(s) URL, not '{baseUrl}'.");
        }

        return new ConnectorAccount
        {
            Kind = kind,
            BaseUrl = uri,
            AccountId = Text(path, account, name, "accountId", required: false),
            SecretName = Text(path, account, name, "secretName", required: true)!,
            ApiVersion = Text(path, account, name, "apiVersion", required: false),
        };
    }

    private static string? Text(string path, JsonElement account, string name, string field, bool required)
    {
        if (account.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        if (required || (account.TryGetProperty(field, out value) && value.ValueKind is not JsonValueKind.Null))
        {
            throw new DemoManifestException($"The sandbox manifest '{path}': accounts.{name}.{field} must be a non-empty string{(required ? "" : " or null")}.");
        }

        return null;
    }
}

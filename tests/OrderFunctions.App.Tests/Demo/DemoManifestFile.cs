using System.Globalization;
using System.Text.Json.Nodes;

namespace OrderFunctions.App.Tests.Demo;

/// <summary>Ports files shaped like the sandbox's (docs/sandbox.md), written to a temporary folder the instance deletes.</summary>
internal sealed class DemoManifestFile : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("orderfunctions-demo-manifest-");

    /// <summary>A complete manifest whose four accounts listen on <paramref name="firstPort"/> and the next three ports.</summary>
    public static JsonObject Manifest(int firstPort) => new()
    {
        ["control"] = Url(firstPort + 4),
        ["accounts"] = new JsonObject
        {
            ["trendyol"] = Account("trendyol", firstPort, "1001", "sandbox-trendyol", apiVersion: null),
            ["bol"] = Account("bol", firstPort + 1, accountId: null, "sandbox-bol", apiVersion: null),
            ["woocommerce"] = Account("woocommerce", firstPort + 2, accountId: null, "sandbox-woocommerce", apiVersion: null),
            ["shopify"] = Account("shopify", firstPort + 3, "sandbox-shop.myshopify.com", "sandbox-shopify", "2025-10"),
        },
    };

    public string Write(string contents)
    {
        var path = Path.Combine(_directory.FullName, $"ports-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, contents);
        return path;
    }

    public string Write(JsonNode manifest) => Write(manifest.ToJsonString());

    public string MissingPath => Path.Combine(_directory.FullName, "never-written.json");

    public void Dispose() => _directory.Delete(recursive: true);

    private static JsonObject Account(string kind, int port, string? accountId, string secretName, string? apiVersion) => new()
    {
        ["kind"] = kind,
        ["baseUrl"] = Url(port),
        ["accountId"] = accountId,
        ["secretName"] = secretName,
        ["apiVersion"] = apiVersion,
        ["credentials"] = new JsonObject { ["apiKey"] = "sandbox-fake-value" },
    };

    private static string Url(int port) => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/");
}

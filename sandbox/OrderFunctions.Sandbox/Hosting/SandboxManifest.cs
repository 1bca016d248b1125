using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrderFunctions.Sandbox.Hosting;

/// <summary>One simulated platform account, shaped like the hub's <c>ConnectorAccount</c> plus the credentials JSON
/// its secret must hold (docs/connectors/*.md). The credentials are the sandbox's fixed, fake values.</summary>
public sealed record SandboxAccount(string Kind, Uri BaseUrl, string? AccountId, string SecretName, string? ApiVersion, JsonObject Credentials)
{
    /// <summary>The simulator's fault knobs (<c>POST</c> JSON, see <see cref="Common.SimulatorHost"/>).</summary>
    public Uri FaultsUrl => new(BaseUrl, "_sandbox/faults");
}

/// <summary>What the sandbox writes to its ports file and serves at <c>GET /</c> of the control API: where everything
/// listens and which accounts to configure the hub with.</summary>
public sealed record SandboxManifest(Uri Control, IReadOnlyDictionary<string, SandboxAccount> Accounts)
{
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, FileJson);

    /// <summary>The credentials as a local secrets file: <c>{"secret-name": {credentials}}</c>.</summary>
    public string SecretsJson() =>
        new JsonObject(Accounts.Values.Select(a => KeyValuePair.Create(a.SecretName, (JsonNode?)a.Credentials.DeepClone())))
            .ToJsonString(FileJson);

    /// <summary>Writes the file whole or not at all (a reader polling for it never sees half of it).</summary>
    public static async Task WriteFileAsync(string path, string contents, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, contents, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}

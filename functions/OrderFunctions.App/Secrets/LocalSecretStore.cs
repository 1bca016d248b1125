using System.Text.Json;
using OrderFunctions.Workflow.Ports;

namespace OrderFunctions.App.Secrets;

/// <summary>
/// Connector secrets for local development (DESIGN D8): the settings <c>Secrets__Local__{name}</c> (e.g. in
/// local.settings.json), then the JSON file <c>Secrets__LocalFile</c> — <c>{"name": "value"}</c> or
/// <c>{"name": {credentials object}}</c>, an object standing for its JSON text. The file is read again whenever it
/// changes (the sandbox rewrites it on every start). Never used in Azure (see <see cref="SecretsOptions"/>).
/// </summary>
internal sealed class LocalSecretStore(IConfiguration settings, string? filePath) : ISecretStore
{
    private readonly Lock _gate = new();
    private (DateTime WrittenAt, long Length, Dictionary<string, string> Secrets)? _file;

    public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var value = settings[name];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return Task.FromResult(value);
        }

        if (filePath is not null && ReadFile(name).TryGetValue(name, out var fromFile))
        {
            return Task.FromResult(fromFile);
        }

        var where = filePath is null ? "" : $" nor in {filePath}";
        throw new SecretStoreException(name, $"No local secret '{name}': it is not in the setting Secrets__Local__{name}{where}.", isTransient: false);
    }

    private Dictionary<string, string> ReadFile(string name)
    {
        var file = new FileInfo(filePath!);
        if (!file.Exists)
        {
            throw new SecretStoreException(name, $"The local secrets file {file.FullName} (Secrets__LocalFile) does not exist.", isTransient: false);
        }

        lock (_gate)
        {
            if (_file is { } cached && cached.WrittenAt == file.LastWriteTimeUtc && cached.Length == file.Length)
            {
                return cached.Secrets;
            }

            var secrets = Parse(name, file.FullName);
            _file = (file.LastWriteTimeUtc, file.Length, secrets);
            return secrets;
        }
    }

    private static Dictionary<string, string> Parse(string name, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Broken(name, path, "must be a JSON object of secrets by name");
            }

            var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var secret in document.RootElement.EnumerateObject())
            {
                secrets[secret.Name] = secret.Value.ValueKind switch
                {
                    JsonValueKind.String => secret.Value.GetString()!,
                    JsonValueKind.Object => secret.Value.GetRawText(),
                    _ => throw Broken(name, path, $"has '{secret.Name}' that is neither a string nor an object"),
                };
            }

            return secrets;
        }
        catch (JsonException e)
        {
            // The parser's message may quote the file's content: only the position is passed on.
            throw Broken(name, path, $"is not valid JSON (line {e.LineNumber + 1})");
        }
        catch (IOException e)
        {
            throw new SecretStoreException(name, $"The local secrets file {path} could not be read ({e.GetType().Name}).", isTransient: true, e);
        }
    }

    private static SecretStoreException Broken(string name, string path, string problem) =>
        new(name, $"The local secrets file {path} (Secrets__LocalFile) {problem}.", isTransient: false);
}

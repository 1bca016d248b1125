using System.Text.Json;
using OrderFunctions.App.Startup;

namespace OrderFunctions.App.Configuration;

/// <summary>
/// <c>local.settings.json</c>, read as <c>func start</c> reads it: the <c>Values</c> become app settings, with
/// <c>Section__Key</c> meaning <c>Section:Key</c>. Only the file's location differs: the working directory first
/// (where <c>func start</c> runs), then next to the handler.
/// </summary>
internal static class LocalSettings
{
    public const string FileName = "local.settings.json";

    public static string? Find()
    {
        string[] candidates = [Path.Combine(Directory.GetCurrentDirectory(), FileName), Path.Combine(AppContext.BaseDirectory, FileName)];
        return candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>The <c>Values</c> as configuration keys. Throws <see cref="StartupException"/> naming the problem when
    /// the file is not JSON, is encrypted, or holds a value that is not a string, number or boolean.</summary>
    public static Dictionary<string, string?> Read(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw StartupException.Configuration($"{path} is not valid JSON (line {e.LineNumber + 1}).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw StartupException.Configuration($"{path} must be a JSON object with \"Values\".");
            }

            if (root.TryGetProperty("IsEncrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
            {
                throw StartupException.Configuration($"{path} is encrypted; decrypt it with 'func settings decrypt' or write the values in clear.");
            }

            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (!root.TryGetProperty("Values", out var values) || values.ValueKind == JsonValueKind.Null)
            {
                return settings;
            }

            if (values.ValueKind != JsonValueKind.Object)
            {
                throw StartupException.Configuration($"{path}: \"Values\" must be an object of settings.");
            }

            foreach (var setting in values.EnumerateObject())
            {
                settings[ConfigurationKey(setting.Name)] = setting.Value.ValueKind switch
                {
                    JsonValueKind.String => setting.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => setting.Value.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw StartupException.Configuration($"{path}: Values.{setting.Name} must be a string, number or boolean."),
                };
            }

            return settings;
        }
    }

    private static string ConfigurationKey(string appSetting) =>
        appSetting.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
}

using YamlDotNet.Serialization;

namespace OrderFunctions.App.Tests.Deployment;

/// <summary>A YAML file read into plain maps, lists and strings, with accessors that fail with the path they missed.</summary>
internal static class YamlFile
{
    public static IReadOnlyDictionary<object, object?> Load(string path)
    {
        var document = new DeserializerBuilder().Build().Deserialize<object?>(RepositoryLayout.ReadAllText(path));
        return Assert.IsAssignableFrom<IReadOnlyDictionary<object, object?>>(document);
    }

    public static IReadOnlyDictionary<object, object?> Map(this IReadOnlyDictionary<object, object?> map, string key) =>
        Assert.IsAssignableFrom<IReadOnlyDictionary<object, object?>>(Value(map, key));

    public static IReadOnlyList<object?> List(this IReadOnlyDictionary<object, object?> map, string key) =>
        Assert.IsAssignableFrom<IReadOnlyList<object?>>(Value(map, key));

    public static string Text(this IReadOnlyDictionary<object, object?> map, string key) =>
        Assert.IsType<string>(Value(map, key));

    public static string? OptionalText(this IReadOnlyDictionary<object, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value as string : null;

    public static IEnumerable<IReadOnlyDictionary<object, object?>> Maps(this IReadOnlyList<object?> list) =>
        list.Select(item => Assert.IsAssignableFrom<IReadOnlyDictionary<object, object?>>(item));

    private static object? Value(IReadOnlyDictionary<object, object?> map, string key)
    {
        Assert.True(map.ContainsKey(key), $"Expected key '{key}' among: {string.Join(", ", map.Keys)}.");
        return map[key];
    }
}

using System.Globalization;
using System.Text;
using OrderFunctions.Storage.Tables;

namespace OrderFunctions.Workflow;

/// <summary>Text longer than one table property holds (64 KiB, i.e. 32K UTF-16 characters) stored as
/// <c>{name}</c>, <c>{name}1</c>, <c>{name}2</c>, … and read back whole.</summary>
internal static class TableText
{
    private const int Chunk = 30_000;

    /// <summary>The entity as a whole holds 1 MiB; this leaves room for everything else.</summary>
    private const int MaxChunks = 14;

    public static void Put(TableEntity entity, string name, string text, string owner)
    {
        var chunks = (text.Length + Chunk - 1) / Chunk;
        if (chunks > MaxChunks)
        {
            throw new InvalidOperationException($"The {name} of {owner} is {text.Length} characters, more than a table row holds.");
        }

        for (var i = 0; i < chunks; i++)
        {
            entity[PropertyName(name, i)] = text.Substring(i * Chunk, Math.Min(Chunk, text.Length - (i * Chunk)));
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first)
        {
            return null;
        }

        if (first.Length < Chunk)
        {
            return first;
        }

        var builder = new StringBuilder(first);
        for (var i = 1; entity.GetString(PropertyName(name, i)) is { } chunk; i++)
        {
            builder.Append(chunk);
        }

        return builder.ToString();
    }

    private static string PropertyName(string name, int index) => index == 0 ? name : name + index.ToString(CultureInfo.InvariantCulture);
}

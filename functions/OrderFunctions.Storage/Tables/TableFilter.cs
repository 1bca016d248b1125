using System.Globalization;
using System.Text.RegularExpressions;

namespace OrderFunctions.Storage.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions safely: values become typed literals (strings quoted with <c>'</c> doubled,
/// <c>123L</c>, <c>datetime'…'</c>, <c>guid'…'</c>, <c>X'…'</c>) and property names must be identifiers, so no input
/// can change the shape of a query. Example:
/// <c>TableFilter.And(TableFilter.Equal("PartitionKey", pk), TableFilter.GreaterThanOrEqual("DueOn", now))</c>.
/// </summary>
public static partial class TableFilter
{
    public static string Equal(string property, object value) => Compare(property, "eq", value);

    public static string NotEqual(string property, object value) => Compare(property, "ne", value);

    public static string GreaterThan(string property, object value) => Compare(property, "gt", value);

    public static string GreaterThanOrEqual(string property, object value) => Compare(property, "ge", value);

    public static string LessThan(string property, object value) => Compare(property, "lt", value);

    public static string LessThanOrEqual(string property, object value) => Compare(property, "le", value);

    /// <summary>Every filter must hold; each one is parenthesized.</summary>
    public static string And(params string[] filters) => Combine("and", filters);

    /// <summary>Any filter may hold; each one is parenthesized.</summary>
    public static string Or(params string[] filters) => Combine("or", filters);

    /// <summary>The OData literal for a value of a type a table can store.</summary>
    public static string Literal(object value) => value switch
    {
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsFinite(d) => DoubleLiteral(d),
        DateTimeOffset dto => "datetime'" + dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        null => throw new ArgumentNullException(nameof(value), "A table filter cannot compare with null: absent properties never match."),
        _ => throw new ArgumentException($"A table filter cannot compare with a {value.GetType().Name}.", nameof(value)),
    };

    private static string Compare(string property, string op, object value)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (!PropertyNamePattern().IsMatch(property))
        {
            throw new ArgumentException($"'{property}' is not a valid table property name.", nameof(property));
        }

        return $"{property} {op} {Literal(value)}";
    }

    private static string Combine(string op, string[] filters)
    {
        if (filters.Length == 0 || filters.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"'{op}' needs at least one non-empty filter.", nameof(filters));
        }

        return filters.Length == 1 ? filters[0] : string.Join($" {op} ", filters.Select(f => $"({f})"));
    }

    // A double literal must look like one ("2.0", not "2"), or the service compares it as an Int32.
    private static string DoubleLiteral(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".E") < 0 ? text + ".0" : text;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$")]
    private static partial Regex PropertyNamePattern();
}

using System.Globalization;
using System.Text;
using OrderFunctions.Sandbox.Shopify.GraphQL;

namespace OrderFunctions.Sandbox.Shopify;

/// <summary>One search term: <c>field:value</c>, <c>field:&gt;=value</c>, or a bare word (field null); '-' negates.</summary>
internal sealed record SearchTerm(string? Field, string Comparator, string Value, bool Negated);

/// <summary>
/// Shopify's search syntax for the <c>query</c> argument (shopify.dev/api/usage/search-syntax), the part the
/// connectors use: terms joined by spaces (AND) or <c>OR</c>, <c>field:value</c> with optional comparators
/// (<c>&gt; &gt;= &lt; &lt;=</c>), values quoted with ' or " (backslash escapes), and '-' for NOT. Filters a
/// simulated resource does not support are an error rather than silently ignored, so a connector's typo shows.
/// </summary>
internal sealed class ShopifySearch
{
    private readonly List<List<SearchTerm>> _alternatives;

    private ShopifySearch(List<List<SearchTerm>> alternatives) => _alternatives = alternatives;

    public static ShopifySearch Parse(string? query)
    {
        var alternatives = new List<List<SearchTerm>> { new() };
        foreach (var token in Tokens(query ?? ""))
        {
            if (token == "OR")
            {
                alternatives.Add([]);
            }
            else if (token != "AND")
            {
                alternatives[^1].Add(Term(token));
            }
        }

        return new ShopifySearch(alternatives);
    }

    /// <summary>True when the item passes; <paramref name="matches"/> decides one term (throw for unknown fields).</summary>
    public bool Matches(Func<SearchTerm, bool> matches) =>
        _alternatives.Any(all => all.All(term => matches(term) != term.Negated));

    /// <summary>Compares a date field against a term's value (comparators included).</summary>
    public static bool CompareDate(DateTimeOffset actual, SearchTerm term)
    {
        if (!DateTimeOffset.TryParse(term.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new GqlFieldException($"Invalid date in search query: '{term.Value}'", "BAD_REQUEST");
        }

        return term.Comparator switch
        {
            ">" => actual > value,
            ">=" => actual >= value,
            "<" => actual < value,
            "<=" => actual <= value,
            _ => actual == value,
        };
    }

    public static GqlFieldException Unsupported(SearchTerm term, string resource) =>
        new($"The sandbox does not support the {resource} search filter '{term.Field}'.", "BAD_REQUEST");

    private static SearchTerm Term(string token)
    {
        var negated = token.StartsWith('-');
        if (negated)
        {
            token = token[1..];
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || token.StartsWith('"') || token.StartsWith('\''))
        {
            return new SearchTerm(null, "", Unquote(token), negated);
        }

        var field = token[..colon];
        var rest = token[(colon + 1)..].TrimStart();
        var comparator = rest.StartsWith(">=", StringComparison.Ordinal) || rest.StartsWith("<=", StringComparison.Ordinal) ? rest[..2]
            : rest.StartsWith('>') || rest.StartsWith('<') ? rest[..1]
            : "";
        return new SearchTerm(field, comparator, Unquote(rest[comparator.Length..]), negated);
    }

    private static string Unquote(string value)
    {
        if (value.Length < 2 || (value[0] != '"' && value[0] != '\'') || value[^1] != value[0])
        {
            return value;
        }

        var builder = new StringBuilder();
        for (var i = 1; i < value.Length - 1; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length - 1)
            {
                i++;
            }

            builder.Append(value[i]);
        }

        return builder.ToString();
    }

    /// <summary>Splits on whitespace outside quotes (a quote may start mid-token: <c>sku:"A B"</c>).</summary>
    private static IEnumerable<string> Tokens(string query)
    {
        var token = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (quote is not null)
            {
                token.Append(c);
                if (c == '\\' && i + 1 < query.Length)
                {
                    token.Append(query[++i]);
                }
                else if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                token.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                if (token.Length > 0)
                {
                    yield return token.ToString();
                    token.Clear();
                }
            }
            else
            {
                token.Append(c);
            }
        }

        if (token.Length > 0)
        {
            yield return token.ToString();
        }
    }
}

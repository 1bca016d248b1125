using System.Globalization;
using System.Text;

namespace OrderFunctions.Sandbox.Shopify.GraphQL;

/// <summary>A parsed operation: its type (<c>query</c> or <c>mutation</c>), name, variables and selections.</summary>
internal sealed record GqlOperation(string Type, string? Name, IReadOnlyList<GqlVariableDefinition> Variables, IReadOnlyList<GqlField> Selections);

internal sealed record GqlVariableDefinition(string Name, GqlTypeRef Type);

/// <summary>A type reference such as <c>[OrderCreateLineItemInput!]!</c>.</summary>
internal sealed record GqlTypeRef(string? Name, GqlTypeRef? ItemType, bool NonNull)
{
    public string NamedType => Name ?? ItemType!.NamedType;

    public bool IsList => ItemType is not null;

    public override string ToString() => (IsList ? $"[{ItemType}]" : Name!) + (NonNull ? "!" : "");

    public static GqlTypeRef Parse(string text)
    {
        var lexer = new GqlLexer(text);
        var type = GqlParser.ParseType(lexer);
        lexer.Expect(GqlTokenKind.End);
        return type;
    }
}

internal sealed record GqlField(string? Alias, string Name, IReadOnlyList<GqlArgument> Arguments, IReadOnlyList<GqlField> Selections, int Line)
{
    public string ResponseKey => Alias ?? Name;
}

internal sealed record GqlArgument(string Name, GqlValue Value);

/// <summary>An argument value as written: a variable, a scalar, an enum value, a list or an object.</summary>
internal abstract record GqlValue
{
    public sealed record Variable(string Name) : GqlValue;

    public sealed record Scalar(object? Value) : GqlValue;

    public sealed record Enum(string Value) : GqlValue;

    public sealed record List(IReadOnlyList<GqlValue> Items) : GqlValue;

    public sealed record Object(IReadOnlyList<GqlArgument> Fields) : GqlValue;
}

/// <summary>A syntax or validation problem, reported as a GraphQL error.</summary>
internal sealed class GqlException(string message, string code = "parseError") : Exception(message)
{
    public string Code { get; } = code;
}

internal enum GqlTokenKind
{
    Name,
    Int,
    Float,
    String,
    Punctuator,
    End,
}

internal readonly record struct GqlToken(GqlTokenKind Kind, string Text, int Line);

/// <summary>Tokens of the GraphQL language (names, numbers, strings, punctuators; commas and comments are ignored).</summary>
internal sealed class GqlLexer
{
    private readonly string _text;
    private int _position;
    private int _line = 1;

    public GqlLexer(string text)
    {
        _text = text;
        Current = Read();
    }

    public GqlToken Current { get; private set; }

    public GqlToken Next()
    {
        var token = Current;
        Current = Read();
        return token;
    }

    public bool Is(string punctuatorOrName) =>
        Current.Kind is GqlTokenKind.Punctuator or GqlTokenKind.Name && Current.Text == punctuatorOrName;

    public bool Skip(string punctuator)
    {
        if (!Is(punctuator))
        {
            return false;
        }

        Next();
        return true;
    }

    public void Expect(string punctuator)
    {
        if (!Skip(punctuator))
        {
            throw Unexpected($"expected '{punctuator}'");
        }
    }

    public GqlToken Expect(GqlTokenKind kind) =>
        Current.Kind == kind ? Next() : throw Unexpected($"expected {kind}");

    public GqlException Unexpected(string expectation) =>
        new($"Parse error on \"{(Current.Kind == GqlTokenKind.End ? "end of file" : Current.Text)}\" ({Current.Kind}) at line {Current.Line}: {expectation}");

    private GqlToken Read()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n')
            {
                _line++;
                _position++;
            }
            else if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
            {
                _position++;
            }
            else if (c == '#')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                break;
            }
        }

        if (_position >= _text.Length)
        {
            return new(GqlTokenKind.End, "", _line);
        }

        var start = _position;
        var first = _text[_position];
        if (first == '.' && _text.AsSpan(_position).StartsWith("..."))
        {
            _position += 3;
            return new(GqlTokenKind.Punctuator, "...", _line);
        }

        if ("!$()[]{}:=@|&".Contains(first, StringComparison.Ordinal))
        {
            _position++;
            return new(GqlTokenKind.Punctuator, first.ToString(), _line);
        }

        if (char.IsAsciiLetter(first) || first == '_')
        {
            while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }

            return new(GqlTokenKind.Name, _text[start.._position], _line);
        }

        if (first == '-' || char.IsAsciiDigit(first))
        {
            _position++;
            var isFloat = false;
            while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E' or '+' or '-'))
            {
                isFloat |= _text[_position] is '.' or 'e' or 'E';
                _position++;
            }

            return new(isFloat ? GqlTokenKind.Float : GqlTokenKind.Int, _text[start.._position], _line);
        }

        if (first == '"')
        {
            return new(GqlTokenKind.String, ReadString(), _line);
        }

        throw new GqlException($"Parse error on \"{first}\" at line {_line}: unexpected character");
    }

    private string ReadString()
    {
        if (_text.AsSpan(_position).StartsWith("\"\"\""))
        {
            var end = _text.IndexOf("\"\"\"", _position + 3, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new GqlException($"Parse error at line {_line}: unterminated block string");
            }

            var block = _text[(_position + 3)..end];
            _position = end + 3;
            return block.Trim();
        }

        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw new GqlException($"Parse error at line {_line}: unterminated string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escaped = _text[_position++];
            builder.Append(escaped switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'b' => "\b",
                'f' => "\f",
                'u' => ((char)int.Parse(_text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
                _ => escaped.ToString(),
            });
            if (escaped == 'u')
            {
                _position += 4;
            }
        }
    }
}

/// <summary>
/// Parses the executable subset the simulator serves: one operation (<c>query</c>, <c>mutation</c> or the
/// <c>{ … }</c> shorthand) with variable definitions, fields, aliases, arguments and nested selections. Fragments
/// and directives are refused with a clear error rather than half-supported.
/// </summary>
internal static class GqlParser
{
    public static GqlOperation Parse(string text)
    {
        var lexer = new GqlLexer(text);
        GqlOperation operation;
        if (lexer.Is("{"))
        {
            operation = new GqlOperation("query", null, [], ParseSelections(lexer));
        }
        else
        {
            var type = lexer.Expect(GqlTokenKind.Name).Text;
            if (type is not ("query" or "mutation"))
            {
                throw new GqlException(type == "fragment" || type == "subscription"
                    ? $"The sandbox does not support '{type}' definitions."
                    : $"Parse error on \"{type}\": expected query or mutation");
            }

            var name = lexer.Current.Kind == GqlTokenKind.Name ? lexer.Next().Text : null;
            var variables = new List<GqlVariableDefinition>();
            if (lexer.Skip("("))
            {
                while (!lexer.Skip(")"))
                {
                    lexer.Expect("$");
                    var variable = lexer.Expect(GqlTokenKind.Name).Text;
                    lexer.Expect(":");
                    variables.Add(new(variable, ParseType(lexer)));
                    if (lexer.Skip("="))
                    {
                        throw new GqlException("The sandbox does not support default values for variables.");
                    }
                }
            }

            operation = new GqlOperation(type, name, variables, ParseSelections(lexer));
        }

        if (lexer.Current.Kind != GqlTokenKind.End)
        {
            throw new GqlException("The sandbox accepts exactly one operation per document.");
        }

        return operation;
    }

    public static GqlTypeRef ParseType(GqlLexer lexer)
    {
        GqlTypeRef type;
        if (lexer.Skip("["))
        {
            var item = ParseType(lexer);
            lexer.Expect("]");
            type = new GqlTypeRef(null, item, NonNull: false);
        }
        else
        {
            type = new GqlTypeRef(lexer.Expect(GqlTokenKind.Name).Text, null, NonNull: false);
        }

        return lexer.Skip("!") ? type with { NonNull = true } : type;
    }

    private static List<GqlField> ParseSelections(GqlLexer lexer)
    {
        lexer.Expect("{");
        var fields = new List<GqlField>();
        while (!lexer.Skip("}"))
        {
            if (lexer.Is("...") || lexer.Is("@"))
            {
                throw new GqlException($"The sandbox does not support fragments or directives (line {lexer.Current.Line}).");
            }

            var line = lexer.Current.Line;
            var name = lexer.Expect(GqlTokenKind.Name).Text;
            string? alias = null;
            if (lexer.Skip(":"))
            {
                alias = name;
                name = lexer.Expect(GqlTokenKind.Name).Text;
            }

            var arguments = lexer.Is("(") ? ParseArguments(lexer, ")") : [];
            var selections = lexer.Is("{") ? ParseSelections(lexer) : [];
            fields.Add(new GqlField(alias, name, arguments, selections, line));
        }

        return fields;
    }

    private static List<GqlArgument> ParseArguments(GqlLexer lexer, string close)
    {
        lexer.Next();
        var arguments = new List<GqlArgument>();
        while (!lexer.Skip(close))
        {
            var name = lexer.Expect(GqlTokenKind.Name).Text;
            lexer.Expect(":");
            arguments.Add(new GqlArgument(name, ParseValue(lexer)));
        }

        return arguments;
    }

    private static GqlValue ParseValue(GqlLexer lexer)
    {
        if (lexer.Skip("$"))
        {
            return new GqlValue.Variable(lexer.Expect(GqlTokenKind.Name).Text);
        }

        if (lexer.Is("["))
        {
            lexer.Next();
            var items = new List<GqlValue>();
            while (!lexer.Skip("]"))
            {
                items.Add(ParseValue(lexer));
            }

            return new GqlValue.List(items);
        }

        if (lexer.Is("{"))
        {
            return new GqlValue.Object(ParseArguments(lexer, "}"));
        }

        var token = lexer.Next();
        return token.Kind switch
        {
            GqlTokenKind.Int => new GqlValue.Scalar(long.Parse(token.Text, CultureInfo.InvariantCulture)),
            GqlTokenKind.Float => new GqlValue.Scalar(decimal.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            GqlTokenKind.String => new GqlValue.Scalar(token.Text),
            GqlTokenKind.Name when token.Text is "true" or "false" => new GqlValue.Scalar(token.Text == "true"),
            GqlTokenKind.Name when token.Text == "null" => new GqlValue.Scalar(null),
            GqlTokenKind.Name => new GqlValue.Enum(token.Text),
            _ => throw new GqlException($"Parse error on \"{token.Text}\" at line {token.Line}: expected a value"),
        };
    }
}

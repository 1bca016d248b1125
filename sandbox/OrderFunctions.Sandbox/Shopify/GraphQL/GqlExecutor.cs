using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OrderFunctions.Sandbox.Shopify.GraphQL;

/// <summary>An error a resolver raises for its field (the field becomes null and the error is listed).</summary>
internal sealed class GqlFieldException(string message, string code = "BAD_REQUEST") : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>A request that parsed and validated: ready to run, with its requested cost.</summary>
internal sealed class GqlPreparedOperation(GqlOperation operation, GqlObjectType root, Dictionary<GqlField, GqlArguments> arguments, int requestedCost)
{
    public GqlOperation Operation { get; } = operation;

    public GqlObjectType Root { get; } = root;

    public Dictionary<GqlField, GqlArguments> Arguments { get; } = arguments;

    public int RequestedCost { get; } = requestedCost;

    public bool IsMutation => Operation.Type == "mutation";
}

/// <summary>The outcome of running an operation: data, field errors, and the cost actually incurred.</summary>
internal sealed record GqlResult(JsonObject Data, JsonArray Errors, int ActualCost);

/// <summary>
/// Validates and runs operations against a <see cref="GqlSchema"/>: unknown fields and arguments, missing required
/// arguments, selections on leaves and none on objects, variables and literals checked against their types — all
/// before anything runs, as a GraphQL server does. Query cost follows Shopify's published model closely enough to
/// throttle honestly: objects 1, connections and lists 2 + first × the cost of one item, mutations 10, leaves 0.
/// </summary>
internal sealed class GqlExecutor(GqlSchema schema)
{
    /// <summary>Parses and validates; request-level problems throw <see cref="GqlException"/>.</summary>
    public GqlPreparedOperation Prepare(string query, JsonObject? variables)
    {
        var operation = GqlParser.Parse(query);
        var root = schema.Objects[operation.Type == "mutation" ? "Mutation" : "QueryRoot"];
        var coercedVariables = new Dictionary<string, (GqlTypeRef Type, JsonNode? Value)>(StringComparer.Ordinal);
        foreach (var definition in operation.Variables)
        {
            if (!schema.IsLeaf(definition.Type.NamedType) && !schema.Inputs.ContainsKey(definition.Type.NamedType))
            {
                throw new GqlException($"{definition.Type.NamedType} isn't a valid input type (on ${definition.Name})", "variableRequiresValidType");
            }

            try
            {
                coercedVariables[definition.Name] = (definition.Type, schema.Coerce(variables?[definition.Name], definition.Type, ""));
            }
            catch (GqlException e) when (e.Code == "INVALID_VARIABLE")
            {
                var detail = e.Message.StartsWith(" (", StringComparison.Ordinal) ? e.Message : " for " + e.Message;
                throw new GqlException($"Variable ${definition.Name} of type {definition.Type} was provided invalid value{detail}", "INVALID_VARIABLE");
            }
        }

        var arguments = new Dictionary<GqlField, GqlArguments>(ReferenceEqualityComparer.Instance);
        var cost = Validate(root, operation.Selections, coercedVariables, arguments, isMutationRoot: operation.Type == "mutation");
        return new GqlPreparedOperation(operation, root, arguments, cost);
    }

    public GqlResult Execute(GqlPreparedOperation prepared, object rootValue)
    {
        var errors = new JsonArray();
        var cost = 0;
        var data = Select(prepared.Root, rootValue, prepared.Operation.Selections, []);
        return new GqlResult(data, errors, cost);

        JsonObject Select(GqlObjectType type, object source, IReadOnlyList<GqlField> fields, List<object> path)
        {
            cost += path.Count == 0 ? 0 : 1;
            var result = new JsonObject();
            foreach (var field in fields)
            {
                if (field.Name == "__typename")
                {
                    result[field.ResponseKey] = type.Name;
                    continue;
                }

                var definition = type.Fields[field.Name];
                var fieldPath = new List<object>(path) { field.ResponseKey };
                if (path.Count == 0 && prepared.IsMutation)
                {
                    cost += 10;
                }

                try
                {
                    var value = definition.Resolve(source, prepared.Arguments[field]);
                    result[field.ResponseKey] = Complete(definition.Type, value, field, fieldPath);
                }
                catch (GqlFieldException e)
                {
                    result[field.ResponseKey] = null;
                    errors.Add(Error(e.Message, e.Code, field.Line, fieldPath));
                }
            }

            return result;
        }

        JsonNode? Complete(GqlTypeRef type, object? value, GqlField field, List<object> path)
        {
            if (value is null)
            {
                return null;
            }

            if (type.IsList)
            {
                var items = ((IEnumerable)value).Cast<object?>().ToList();
                cost += items.Count > 0 && !schema.IsLeaf(type.NamedType) ? 2 : 0;
                return new JsonArray([.. items.Select((item, i) => Complete(type.ItemType!, item, field, [.. path, i]))]);
            }

            if (schema.Objects.TryGetValue(type.Name!, out var objectType))
            {
                return Select(objectType, value, field.Selections, path);
            }

            return value switch
            {
                string text => text,
                bool flag => flag,
                int number => number,
                long number => number,
                decimal amount => amount.ToString("0.00##", CultureInfo.InvariantCulture),
                DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture),
                JsonNode node => node.DeepClone(),
                _ => value.ToString(),
            };
        }
    }

    public static JsonObject Error(string message, string code, int? line = null, IReadOnlyList<object>? path = null)
    {
        var error = new JsonObject { ["message"] = message };
        if (line is not null)
        {
            error["locations"] = new JsonArray(new JsonObject { ["line"] = line, ["column"] = 1 });
        }

        if (path is not null)
        {
            error["path"] = new JsonArray([.. path.Select(p => p is int i ? JsonValue.Create(i) : (JsonNode)JsonValue.Create((string)p))]);
        }

        error["extensions"] = new JsonObject { ["code"] = code };
        return error;
    }

    /// <summary>Checks fields and arguments against the schema, coerces arguments, and returns the requested cost.</summary>
    private int Validate(
        GqlObjectType type,
        IReadOnlyList<GqlField> fields,
        Dictionary<string, (GqlTypeRef Type, JsonNode? Value)> variables,
        Dictionary<GqlField, GqlArguments> coerced,
        bool isMutationRoot)
    {
        var total = 0;
        foreach (var field in fields)
        {
            if (field.Name == "__typename")
            {
                continue;
            }

            if (!type.Fields.TryGetValue(field.Name, out var definition))
            {
                throw new GqlException($"Field '{field.Name}' doesn't exist on type '{type.Name}'", "undefinedField");
            }

            var values = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var argument in field.Arguments)
            {
                if (!definition.Arguments.TryGetValue(argument.Name, out var argumentType))
                {
                    throw new GqlException($"Field '{field.Name}' doesn't accept argument '{argument.Name}'", "argumentNotAccepted");
                }

                values[argument.Name] = ArgumentValue(argument.Value, argumentType, variables, $"Argument '{argument.Name}' on Field '{field.Name}'");
            }

            foreach (var (name, argumentType) in definition.Arguments)
            {
                if (argumentType.NonNull && values.GetValueOrDefault(name) is null)
                {
                    throw new GqlException($"Field '{field.Name}' is missing required arguments: {name}", "missingRequiredArguments");
                }
            }

            coerced[field] = new GqlArguments(values);
            var named = definition.Type.NamedType;
            if (schema.IsLeaf(named))
            {
                if (field.Selections.Count > 0)
                {
                    throw new GqlException($"Selections can't be made on scalars (field '{field.Name}' returns {named} but has selections)", "selectionMismatch");
                }

                continue;
            }

            if (field.Selections.Count == 0)
            {
                throw new GqlException($"Field must have selections (field '{field.Name}' returns {named} but has no selections. Did you mean '{field.Name} {{ ... }}'?)", "selectionMismatch");
            }

            var itemCost = Validate(schema.Objects[named], field.Selections, variables, coerced, isMutationRoot: false);
            var pageSize = values.GetValueOrDefault("first") ?? values.GetValueOrDefault("last");
            if (pageSize is not null && (int)GqlArguments.ToInt64(pageSize) is < 0 or > 250)
            {
                throw new GqlException($"Argument 'first' on Field '{field.Name}' must be between 0 and 250", "argumentLiteralsIncompatible");
            }

            total += isMutationRoot ? 10 + itemCost
                : pageSize is not null ? 2 + ((int)GqlArguments.ToInt64(pageSize) * itemCost)
                : 1 + itemCost;
        }

        return total;
    }

    private JsonNode? ArgumentValue(GqlValue value, GqlTypeRef type, Dictionary<string, (GqlTypeRef Type, JsonNode? Value)> variables, string context)
    {
        if (value is GqlValue.Variable variable)
        {
            if (!variables.TryGetValue(variable.Name, out var declared))
            {
                throw new GqlException($"Variable ${variable.Name} is used by the operation but not declared", "variableNotDefined");
            }

            if (declared.Type.NamedType != type.NamedType || declared.Type.IsList != type.IsList || (type.NonNull && !declared.Type.NonNull))
            {
                throw new GqlException($"Type mismatch on variable ${variable.Name} and argument ({declared.Type} / {type})", "variableMismatch");
            }

            return declared.Value;
        }

        try
        {
            return schema.Coerce(Literal(value, type, variables, context), type, "");
        }
        catch (GqlException e) when (e.Code == "INVALID_VARIABLE")
        {
            throw new GqlException($"{context} has an invalid value: {e.Message.TrimStart()}", "argumentLiteralsIncompatible");
        }
    }

    /// <summary>A literal as JSON; enum literals are only accepted where an enum is expected (and strings are not).</summary>
    private JsonNode? Literal(GqlValue value, GqlTypeRef type, Dictionary<string, (GqlTypeRef Type, JsonNode? Value)> variables, string context) => value switch
    {
        GqlValue.Variable variable => ArgumentValue(variable, type, variables, context),
        GqlValue.Enum e when schema.IsEnum(type.NamedType) => e.Value,
        GqlValue.Enum e => throw new GqlException($"{context} has an invalid value ({e.Value}). Expected type '{type}'.", "argumentLiteralsIncompatible"),
        GqlValue.Scalar { Value: string } when schema.IsEnum(type.NamedType) && !type.IsList =>
            throw new GqlException($"{context} has an invalid value. Expected type '{type}' (an enum value, not a string).", "argumentLiteralsIncompatible"),
        GqlValue.Scalar scalar => scalar.Value switch
        {
            null => null,
            string text => text,
            bool flag => flag,
            long number => number,
            decimal number => number,
            _ => throw new GqlException($"{context} has an unsupported literal.", "argumentLiteralsIncompatible"),
        },
        GqlValue.List list => new JsonArray([.. list.Items.Select(item => Literal(item, type.ItemType ?? type, variables, context))]),
        GqlValue.Object obj => new JsonObject(obj.Fields.Select(f => KeyValuePair.Create(
            f.Name,
            Literal(f.Value, InputFieldType(type.NamedType, f.Name) ?? GqlTypeRef.Parse("JSON"), variables, context)))),
        _ => throw new GqlException($"{context} has an unsupported literal.", "argumentLiteralsIncompatible"),
    };

    private GqlTypeRef? InputFieldType(string inputType, string field) =>
        schema.Inputs.TryGetValue(inputType, out var input) ? input.Fields.GetValueOrDefault(field) : null;
}

namespace RomApi.Tests.WholeSystem.Hardening.Fuzz;

/// <summary>
/// A parameter of an operation: where it goes (path or query), its name, its JSON type, its format ("date-time", "uuid"...) and its
/// allowed values when the document lists them.
/// </summary>
public sealed record ApiParameter(string Name, string In, string Type, string? Format = null, IReadOnlyList<string>? Enum = null);

/// <summary>One operation of the combined OpenAPI document, with its request body's schema (resolved) when it has one.</summary>
public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, JsonElement? BodySchema, string? BodyContentType)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>Every operation of <paramref name="document"/>, in document order.</summary>
    public static IReadOnlyList<ApiOperation> AllOf(JsonElement document)
    {
        var schemas = new SchemaResolver(document);
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var declared)
                    ? declared.EnumerateArray().Select(p => p.TryGetProperty("schema", out var schema)
                        ? new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, schemas.TypeOf(schema),
                            schemas.FormatOf(schema), schemas.EnumOf(schema))
                        : new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, "string")).ToList()
                    : [];
                JsonElement? body = null;
                string? contentType = null;
                if (operation.Value.TryGetProperty("requestBody", out var requestBody) &&
                    requestBody.GetProperty("content").EnumerateObject().FirstOrDefault() is { Value.ValueKind: JsonValueKind.Object } content)
                {
                    contentType = content.Name;
                    body = content.Value.TryGetProperty("schema", out var bodySchema) ? schemas.Resolve(bodySchema) : null;
                }
                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, parameters, body, contentType));
            }
        }
        return operations;
    }
}

/// <summary>$ref, oneOf-with-null and type lists of an OpenAPI 3.1 document, reduced to one schema and one type.</summary>
public sealed class SchemaResolver(JsonElement document)
{
    private static readonly string[] TypePreference = ["integer", "number", "boolean", "array", "object", "string"];

    public JsonElement Resolve(JsonElement schema)
    {
        for (var depth = 0; depth < 20; depth++)
        {
            if (schema.TryGetProperty("$ref", out var reference))
            {
                schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
            }
            else if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
            {
                schema = oneOf.EnumerateArray().FirstOrDefault(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"));
                if (schema.ValueKind != JsonValueKind.Object)
                {
                    return default;
                }
            }
            else
            {
                return schema;
            }
        }
        return schema;
    }

    /// <summary>The schema's type; of a list such as ["null", "integer", "string"] the most specific.</summary>
    public string TypeOf(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) ? "object" : "any";
        }
        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString()!;
        }
        var listed = type.EnumerateArray().Select(t => t.GetString()).ToHashSet();
        return TypePreference.FirstOrDefault(listed.Contains) ?? "any";
    }

    public string? FormatOf(JsonElement schema)
    {
        schema = Resolve(schema);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var format) ? format.GetString() : null;
    }

    public IReadOnlyList<string>? EnumOf(JsonElement schema)
    {
        schema = Resolve(schema);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values)
            ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : null;
    }

    /// <summary>The properties of an object schema (name and schema), empty for anything else.</summary>
    public IEnumerable<(string Name, JsonElement Schema)> PropertiesOf(JsonElement schema)
    {
        schema = Resolve(schema);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];
    }

    public JsonElement ItemsOf(JsonElement schema)
    {
        schema = Resolve(schema);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("items", out var items) ? Resolve(items) : default;
    }
}

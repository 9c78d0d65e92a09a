using System.Text.Json.Nodes;

namespace RomApi.Gateway.Docs;

/// <summary>Two services' schemas of one name and different shapes: the later one is renamed rather than shadowed.</summary>
internal static class SchemaConflicts
{
    /// <summary>
    /// The document with each schema that shares a name with a different one of <paramref name="merged"/> renamed to
    /// "{source}{Name}" (its references with it), so that no operation is documented with another service's type.
    /// </summary>
    public static JsonObject Renamed(JsonObject merged, JsonObject document, string source)
    {
        var own = document["components"]?["schemas"]?.AsObject() ?? [];
        var conflicts = own
            .Where(schema => merged[schema.Key] is { } existing &&
                             !JsonNode.DeepEquals(Expanded(existing, merged, []), Expanded(schema.Value, own, [])))
            .Select(schema => schema.Key)
            .ToList();
        if (conflicts.Count == 0)
        {
            return document;
        }
        var prefix = char.ToUpperInvariant(source[0]) + source[1..];
        var text = document.ToJsonString();
        foreach (var name in conflicts)
        {
            text = text.Replace($"\"{OpenApiMerge.SchemaPrefix}{name}\"", $"\"{OpenApiMerge.SchemaPrefix}{prefix}{name}\"", StringComparison.Ordinal);
        }
        var renamed = JsonNode.Parse(text)!.AsObject();
        var schemas = renamed["components"]!["schemas"]!.AsObject();
        foreach (var name in conflicts)
        {
            var schema = schemas[name];
            schemas.Remove(name);
            schemas[prefix + name] = schema;
        }
        return renamed;
    }

    // A schema with its references replaced by what they name (a service may inline a type another references), for comparison.
    private static JsonNode? Expanded(JsonNode? node, JsonObject schemas, HashSet<string> expanding) => node switch
    {
        JsonObject { Count: 1 } reference when reference["$ref"]?.GetValue<string>() is { } target &&
            target.StartsWith(OpenApiMerge.SchemaPrefix, StringComparison.Ordinal) && expanding.Add(target) =>
            ExpandedReference(schemas[target[OpenApiMerge.SchemaPrefix.Length..]], schemas, expanding, target),
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Expanded(p.Value, schemas, expanding)))),
        JsonArray array => new JsonArray([.. array.Select(item => Expanded(item, schemas, expanding))]),
        _ => node?.DeepClone(),
    };

    private static JsonNode? ExpandedReference(JsonNode? schema, JsonObject schemas, HashSet<string> expanding, string target)
    {
        var expanded = Expanded(schema, schemas, expanding);
        expanding.Remove(target);
        return expanded;
    }
}

using System.Text.Json.Nodes;

namespace RomApi.Gateway.Docs;

/// <summary>Merges the gateway's and the services' OpenAPI documents into the public one (JSON in, JSON out).</summary>
public static class OpenApiMerge
{
    public const string InternalPrefix = "/internal/";

    /// <summary>
    /// The public document: every source's paths except <c>/internal/*</c>, their schemas, security schemes and tags; sources
    /// without a document are listed in "x-romapi-missing". Operations the gateway proxies also list the gateway's own 502 and 504.
    /// </summary>
    public static JsonObject Combine(IReadOnlyList<(string Name, JsonObject? Document)> sources)
    {
        var combined = new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "ROMAPI",
                ["version"] = "v1",
                ["description"] =
                    "The public API of ROMAPI, an API-resource directory (businesses, services, data sets and public APIs; country default " +
                    "Cameroon), served by the gateway under `/api/v1`.\n\nSign in with `POST /api/v1/auth/login` (or register) and send " +
                    "`Authorization: Bearer <accessToken>`, or send an API key as `X-API-Key: <key>`; public reads need neither. " +
                    "Successes answer `{success: true, data, meta?, timestamp}`; errors answer `{success: false, error: {code, message, " +
                    "details?, timestamp, path, method, requestId}}`. Limited responses carry `RateLimit-Limit`, `RateLimit-Remaining` " +
                    "and `RateLimit-Reset`; 429 adds `Retry-After`. Every response carries `X-Request-ID`.",
                ["license"] = new JsonObject { ["name"] = "MIT", ["identifier"] = "MIT" },
            },
            ["paths"] = new JsonObject(),
            ["components"] = new JsonObject { ["schemas"] = new JsonObject(), ["securitySchemes"] = new JsonObject() },
            ["tags"] = new JsonArray(),
        };
        var missing = new JsonArray();
        foreach (var (name, document) in sources)
        {
            if (document is null)
            {
                missing.Add(name);
                continue;
            }
            Merge(combined, document, name, proxied: name != CombinedOpenApi.GatewaySource);
        }
        if (missing.Count > 0)
        {
            combined["x-romapi-missing"] = missing;
        }
        DropUnusedSchemas(combined);
        return combined;
    }

    // Schemas only the internal operations used (or none) leave with them.
    private static void DropUnusedSchemas(JsonObject combined)
    {
        var schemas = combined["components"]!["schemas"]!.AsObject();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode?>([combined["paths"]]);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "$ref" && value?.GetValue<string>() is { } reference && reference.StartsWith(SchemaPrefix, StringComparison.Ordinal) &&
                            used.Add(reference[SchemaPrefix.Length..]))
                        {
                            pending.Push(schemas[reference[SchemaPrefix.Length..]]);
                        }
                        else
                        {
                            pending.Push(value);
                        }
                    }
                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        pending.Push(item);
                    }
                    break;
            }
        }
        foreach (var name in schemas.Select(schema => schema.Key).Where(name => !used.Contains(name)).ToList())
        {
            schemas.Remove(name);
        }
    }

    internal const string SchemaPrefix = "#/components/schemas/";

    /// <summary>The document with <c>servers</c> naming the origin the client reached the gateway at.</summary>
    public static string WithServer(string combinedJson, string origin)
    {
        var servers = new JsonArray(new JsonObject { ["url"] = origin, ["description"] = "This gateway" }).ToJsonString();
        // The combined document always starts with {"openapi":...; servers go right after the opening brace.
        return "{\"servers\":" + servers + "," + combinedJson[1..];
    }

    private static void Merge(JsonObject combined, JsonObject document, string source, bool proxied)
    {
        document = SchemaConflicts.Renamed(combined["components"]!["schemas"]!.AsObject(), document, source);
        var paths = combined["paths"]!.AsObject();
        foreach (var (path, item) in document["paths"]?.AsObject().ToList() ?? [])
        {
            if (item is not JsonObject operations || path.StartsWith(InternalPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var copy = operations.DeepClone().AsObject();
            if (proxied)
            {
                foreach (var (_, operation) in copy)
                {
                    if (operation?["responses"] is JsonObject responses)
                    {
                        AddGatewayError(responses, "502", "BAD_GATEWAY: the service behind the gateway answered badly or refused the connection.");
                        AddGatewayError(responses, "504", "GATEWAY_TIMEOUT: the service behind the gateway did not answer in time.");
                    }
                }
            }
            // Two templates that differ only in parameter names ({idOrSlug} and {id}) are one path to OpenAPI: keep the first
            // template and rename the other's path parameter.
            var key = paths.Select(p => p.Key).FirstOrDefault(existing => SameTemplate(existing, path));
            if (key is null)
            {
                paths[path] = copy;
                continue;
            }
            RenamePathParameters(copy, path, key);
            var target = paths[key]!.AsObject();
            foreach (var (method, operation) in copy.ToList())
            {
                if (!target.ContainsKey(method) && operation is not null)
                {
                    copy.Remove(method);
                    target[method] = operation;
                }
            }
        }
        var components = combined["components"]!;
        foreach (var section in new[] { "schemas", "securitySchemes" })
        {
            var into = components[section]!.AsObject();
            foreach (var (name, value) in document["components"]?[section]?.AsObject().ToList() ?? [])
            {
                // Same-named schemas left after the renaming are equal (the shared envelope types): the first stands for all.
                if (!into.ContainsKey(name) && value is not null)
                {
                    into[name] = value.DeepClone();
                }
            }
        }
        var tags = combined["tags"]!.AsArray();
        foreach (var tag in document["tags"]?.AsArray() ?? [])
        {
            if (tag?["name"]?.GetValue<string>() is { } name && !name.Contains("internal", StringComparison.OrdinalIgnoreCase) &&
                tags.All(existing => existing?["name"]?.GetValue<string>() != name))
            {
                tags.Add(tag.DeepClone());
            }
        }
    }

    private static void AddGatewayError(JsonObject responses, string status, string description)
    {
        if (!responses.ContainsKey(status))
        {
            responses[status] = new JsonObject
            {
                ["description"] = description,
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/ApiErrorResponse" } },
                },
            };
        }
    }

    private static bool SameTemplate(string a, string b) =>
        a != b && System.Text.RegularExpressions.Regex.Replace(a, "{[^}]+}", "{}") == System.Text.RegularExpressions.Regex.Replace(b, "{[^}]+}", "{}");

    private static void RenamePathParameters(JsonObject operations, string from, string to)
    {
        var fromNames = System.Text.RegularExpressions.Regex.Matches(from, "{([^}]+)}").Select(m => m.Groups[1].Value).ToList();
        var toNames = System.Text.RegularExpressions.Regex.Matches(to, "{([^}]+)}").Select(m => m.Groups[1].Value).ToList();
        foreach (var (_, operation) in operations)
        {
            foreach (var parameter in operation?["parameters"]?.AsArray() ?? [])
            {
                if (parameter?["in"]?.GetValue<string>() == "path" && fromNames.IndexOf(parameter["name"]!.GetValue<string>()) is var index and >= 0)
                {
                    parameter["name"] = toNames[index];
                }
            }
        }
    }
}

namespace RomApi.Tests.WholeSystem.Hardening.Fuzz;

/// <summary>
/// The hostile variants of an operation: bad path ids, bad query values and paging, and bodies that are broken, of the wrong
/// shape or type, huge, deeply nested, or full of text PostgreSQL and UTF-8 cannot hold. Every variant is a request the API
/// must refuse (ids in paths name nothing that exists), so none may change any data. Random choices come from the seed.
/// </summary>
public sealed class HostileRequests(SchemaResolver schemas, Random random, IReadOnlyDictionary<string, string> knownIds)
{
    private const int MaxMegabyteFields = 3;

    /// <summary>Leaves no field may ever accept: one alone in an otherwise empty body, sent to a real item, must still write nothing.</summary>
    private static readonly Leaf[] AlwaysRefused = [Leaf.Nul, Leaf.LoneSurrogate, Leaf.InvalidUtf8, Leaf.WrongType, Leaf.Overflow];

    public IEnumerable<HostileRequest> For(ApiOperation operation)
    {
        var pathParameters = operation.Parameters.Where(p => p.In == "path").ToList();
        var queryParameters = operation.Parameters.Where(p => p.In == "query").ToList();
        var ids = pathParameters.ToDictionary(p => p.Name, _ => NewId());

        foreach (var parameter in pathParameters)
        {
            foreach (var id in HostileValues.EncodedIds)
            {
                yield return Request(operation, $"path {parameter.Name}={Short(id)}", Path(operation, ids, parameter.Name, id), "", ValidishBody(operation));
            }
        }
        var path = Path(operation, ids, null, null);
        // One parameter at a time: with all of them bad, the first typed one (a uuid, a number) refuses the request before the
        // others are looked at.
        foreach (var parameter in queryParameters)
        {
            foreach (var value in HostileValues.EncodedValues)
            {
                yield return Request(operation, $"query {parameter.Name}={Short(value)}", path, $"{parameter.Name}={value}", ValidishBody(operation));
            }
        }
        foreach (var (variant, query) in DateTimeQueries(queryParameters))
        {
            yield return Request(operation, variant, path, query, ValidishBody(operation));
        }
        foreach (var (variant, query) in ExtraQueries(queryParameters))
        {
            yield return Request(operation, variant, path, query, ValidishBody(operation));
        }
        if (operation.BodySchema is { } schema)
        {
            foreach (var (variant, body, contentType) in Bodies(schema, operation.BodyContentType ?? "application/json"))
            {
                yield return new HostileRequest(operation, variant, operation.Method, path, body, contentType);
            }
            // One bad field against a real item where there is one, so the request gets past "not found" to the field checks.
            var realPath = Path(operation, pathParameters.ToDictionary(p => p.Name, p => KnownId(operation, p.Name) ?? ids[p.Name]), null, null);
            foreach (var (variant, body) in SingleFieldBodies(schema))
            {
                yield return new HostileRequest(operation, variant, operation.Method, realPath, body, operation.BodyContentType ?? "application/json");
            }
        }
    }

    /// <summary>
    /// Every date-time parameter the document declares gets the boundary dates, alone, with each allowed value of the other enum
    /// parameters (an interval changes the rounding), and paired with the other date-time parameters at the opposite extreme.
    /// </summary>
    private static IEnumerable<(string Variant, string Query)> DateTimeQueries(List<ApiParameter> query)
    {
        var dates = query.Where(p => p.Format == "date-time").ToList();
        var enums = query.Where(p => p.Enum is { Count: > 0 }).ToList();
        foreach (var date in dates)
        {
            foreach (var value in HostileValues.EncodedDateTimes)
            {
                yield return ($"date {date.Name}={value}", $"{date.Name}={value}");
                foreach (var other in enums)
                {
                    foreach (var allowed in other.Enum!)
                    {
                        yield return ($"date {date.Name}={value} {other.Name}={allowed}", $"{date.Name}={value}&{other.Name}={Uri.EscapeDataString(allowed)}");
                    }
                }
                foreach (var pair in dates.Where(d => d != date))
                {
                    var opposite = value.StartsWith("9999", StringComparison.Ordinal) ? "0001-01-01T00:00:00Z" : "9999-12-31T23:59:59.9999999Z";
                    yield return ($"dates {date.Name}={value} {pair.Name}={opposite}", $"{date.Name}={value}&{pair.Name}={opposite}");
                }
            }
        }
    }

    private static IEnumerable<(string Variant, string Query)> ExtraQueries(List<ApiParameter> query)
    {
        yield return ("unknown parameters", "__proto__=1&%24where=1%3D%3D1&constructor=x");
        yield return ("long unknown parameter", "x=" + new string('y', 60_000));
        if (query.Count > 0)
        {
            yield return ("repeated parameter", $"{query[0].Name}=1&{query[0].Name}=2&{query[0].Name}=%00");
        }
        if (query.Any(p => p.Name.Equals("limit", StringComparison.OrdinalIgnoreCase)))
        {
            yield return ("paging zero and negative", "limit=0&offset=-1");
            yield return ("paging huge", "limit=101&offset=99999999999999");
            yield return ("paging not numbers", "limit=ten&offset=1.5");
        }
    }

    private HostileRequest Request(ApiOperation operation, string variant, string path, string query, (byte[] Body, string ContentType)? body) =>
        new(operation, variant, operation.Method, query.Length == 0 ? path : $"{path}?{query}", body?.Body, body?.ContentType);

    /// <summary>For path and query variants, a body that is itself refused (an empty object), so the variant under test is what meets the API.</summary>
    private (byte[], string)? ValidishBody(ApiOperation operation) =>
        operation.BodySchema is { } schema ? (Encoding.UTF8.GetBytes(IsArray(schema) ? "[]" : "{}"), operation.BodyContentType ?? "application/json") : null;

    private IEnumerable<(string Variant, byte[] Body, string ContentType)> Bodies(JsonElement schema, string contentType)
    {
        var array = IsArray(schema);
        yield return ("empty body", [], contentType);
        yield return ("truncated JSON", Encoding.UTF8.GetBytes("{\"name\": \"x\", "), contentType);
        yield return ("JSON null", Encoding.UTF8.GetBytes("null"), contentType);
        yield return ("wrong root type", Encoding.UTF8.GetBytes(array ? "{}" : "[]"), contentType);
        yield return ("root number 1e400", Encoding.UTF8.GetBytes("1e400"), contentType);
        yield return ("empty object", Encoding.UTF8.GetBytes(array ? "[{}]" : "{}"), contentType);
        yield return ("extra fields only", Encoding.UTF8.GetBytes("{\"__proto__\":{\"isAdmin\":true},\"constructor\":{\"prototype\":1},\"$where\":\"1==1\",\"userId\":\"00000000-0000-0000-0000-000000000001\",\"status\":\"ACTIVE\"}"), contentType);
        yield return ("deep nesting", Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 100_000) + new string(']', 100_000) + "}"), contentType);
        var arrayName = schemas.PropertiesOf(schema).FirstOrDefault(p => schemas.TypeOf(p.Schema) is "array" or "any").Name ?? "items";
        var zeros = string.Join(',', Enumerable.Repeat("0", 200_000));
        yield return ("huge array", Encoding.UTF8.GetBytes(array ? $"[{zeros}]" : $"{{\"{arrayName}\":[{zeros}]}}"), contentType);
        foreach (var leaf in Enum.GetValues<Leaf>())
        {
            var megabytes = 0;
            var node = Build(schema, leaf, 0, ref megabytes);
            yield return ($"every field {leaf}", HostileValues.Patch(node?.ToJsonString() ?? "null"), contentType);
        }
        yield return ("text/plain", Encoding.UTF8.GetBytes("{}"), "text/plain");
        yield return ("application/xml", Encoding.UTF8.GetBytes("<resource><name>x</name></resource>"), "application/xml");
        yield return ("form", Encoding.UTF8.GetBytes("name=x&resourceType=API"), "application/x-www-form-urlencoded");
    }

    private IEnumerable<(string Variant, byte[] Body)> SingleFieldBodies(JsonElement schema)
    {
        var array = IsArray(schema);
        var target = array ? schemas.ItemsOf(schema) : schema;
        foreach (var (name, property) in schemas.PropertiesOf(target))
        {
            foreach (var leaf in AlwaysRefused)
            {
                var megabytes = MaxMegabyteFields;
                var value = schemas.TypeOf(property) == "object"
                    ? new JsonObject { [schemas.PropertiesOf(property).FirstOrDefault().Name ?? "x"] = Build(schemas.PropertiesOf(property).FirstOrDefault().Schema, leaf, 4, ref megabytes) }
                    : Build(property, leaf, 4, ref megabytes);
                var item = new JsonObject { [name] = value };
                JsonNode body = array ? new JsonArray(item) : item;
                yield return ($"field {name} {leaf}", HostileValues.Patch(body.ToJsonString()));
            }
        }
    }

    private string? KnownId(ApiOperation operation, string parameter) =>
        knownIds.FirstOrDefault(known => operation.Path.StartsWith(known.Key, StringComparison.Ordinal) && known.Key.EndsWith($"{{{parameter}}}", StringComparison.Ordinal)).Value;

    private JsonNode? Build(JsonElement schema, Leaf leaf, int depth, ref int megabytes)
    {
        var type = schemas.TypeOf(schema);
        switch (type)
        {
            case "object" when depth < 4:
                var result = new JsonObject();
                foreach (var (name, property) in schemas.PropertiesOf(schema))
                {
                    result[name] = Build(property, leaf, depth + 1, ref megabytes);
                }
                return result;
            case "array" when depth < 4:
                var items = schemas.ItemsOf(schema);
                return new JsonArray(items.ValueKind == JsonValueKind.Object ? Build(items, leaf, depth + 1, ref megabytes) : Text(leaf, ref megabytes));
            case "integer" or "number":
                return leaf switch
                {
                    Leaf.WrongType => "not a number",
                    Leaf.Overflow => HostileValues.OverflowMarker,
                    Leaf.Negative => -1,
                    Leaf.Megabyte => HostileValues.HugeMarker,
                    _ => Text(leaf, ref megabytes),
                };
            case "boolean":
                return leaf switch
                {
                    Leaf.WrongType => "yes",
                    Leaf.Overflow => HostileValues.OverflowMarker,
                    Leaf.Negative => -1,
                    _ => Text(leaf, ref megabytes),
                };
            default:
                return leaf switch
                {
                    Leaf.WrongType => random.Next(2) == 0 ? 12345 : new JsonObject { ["nested"] = true },
                    Leaf.Overflow or Leaf.Negative => "",
                    _ => Text(leaf, ref megabytes),
                };
        }
    }

    private static JsonNode Text(Leaf leaf, ref int megabytes) => leaf switch
    {
        Leaf.Nul => HostileValues.NulMarker,
        Leaf.LoneSurrogate => HostileValues.SurrogateMarker,
        Leaf.InvalidUtf8 => HostileValues.InvalidUtf8Marker,
        Leaf.Megabyte when megabytes++ < MaxMegabyteFields => HostileValues.Megabyte,
        Leaf.Sql => HostileValues.Sql,
        Leaf.QuerySyntax => HostileValues.QuerySyntax,
        _ => "",
    };

    private bool IsArray(JsonElement schema) => schemas.TypeOf(schema) == "array";

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string Path(ApiOperation operation, Dictionary<string, string> ids, string? hostileName, string? hostileValue)
    {
        var path = operation.Path;
        foreach (var (name, id) in ids)
        {
            path = path.Replace($"{{{name}}}", name == hostileName ? hostileValue : id, StringComparison.Ordinal);
        }
        return path;
    }

    private static string Short(string value) => value.Length > 24 ? $"{value[..12]}…({value.Length})" : value;
}

using System.Text.Json.Nodes;

namespace RomApi.ResourceService.ApiResources;

/// <summary>RFC 7396: objects merge member by member, null removes, anything else replaces.</summary>
public static class JsonMergePatch
{
    /// <summary>
    /// The first member whose name or text cannot be read as Unicode (an escaped lone surrogate such as "\ud800"), or null.
    /// A parsed document holds such text as written; only reading it as a string fails, deep inside the merge.
    /// </summary>
    public static string? UnreadableMember(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    var name = Readable(() => member.Name);
                    if (name is null)
                    {
                        return path.Length == 0 ? "(a member name)" : path;
                    }
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (UnreadableMember(member.Value, child) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (UnreadableMember(item, $"{path}[{index++}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValueKind.String:
                return Readable(element.GetString) is null ? (path.Length == 0 ? "$" : path) : null;
            default:
                return null;
        }
    }

    private static string? Readable(Func<string?> read)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static JsonNode? Apply(JsonNode? target, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return JsonNode.Parse(patch.GetRawText());
        }
        var result = target as JsonObject ?? new JsonObject();
        foreach (var member in patch.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                result.Remove(member.Name);
                continue;
            }
            var existing = result[member.Name];
            result.Remove(member.Name);
            result[member.Name] = Apply(existing, member.Value);
        }
        return result;
    }
}

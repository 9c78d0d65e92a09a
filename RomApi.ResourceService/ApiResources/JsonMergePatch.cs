using System.Text.Json;
using System.Text.Json.Nodes;

namespace RomApi.ResourceService.ApiResources;

/// <summary>RFC 7396: objects merge member by member, null removes, anything else replaces.</summary>
public static class JsonMergePatch
{
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

using System.Globalization;
using System.Text.Json;
using RomApi.SearchService.SearchIndex;

namespace RomApi.SearchService.Indexing;

/// <summary>
/// Turns change events into index operations. Only ACTIVE, published resources are searchable: anything else
/// (deleted, suspended, back to pending) removes the resource, so every event is applied by its final snapshot alone.
/// </summary>
public static class ResourceSnapshots
{
    public static IndexOperation ToOperation(ChangeEvent change) =>
        change.Resource is { ValueKind: JsonValueKind.Object } resource && ToDocument(resource) is { } document
            ? new UpsertDocument(document)
            : new RemoveDocument(change.ResourceId);

    /// <summary>Null when the snapshot is not searchable.</summary>
    public static SearchDocument? ToDocument(JsonElement resource)
    {
        if (String(resource, "status") != "ACTIVE" || String(resource, "publishedAt") is not { } published ||
            String(resource, "deletedAt") is not null)
        {
            return null;
        }
        var category = Object(resource, "category");
        var address = Object(resource, "address");
        return new SearchDocument(
            resource.GetProperty("id").GetGuid(),
            String(resource, "name") ?? "",
            String(resource, "slug") ?? "",
            String(resource, "description"),
            String(resource, "resourceType") ?? "",
            Guid.TryParse(String(resource, "categoryId") ?? (category is { } c ? String(c, "id") : null), out var categoryId) ? categoryId : null,
            category is { } named ? String(named, "name") : null,
            category is { } slugged ? String(slugged, "slug") : null,
            address is { } a ? String(a, "city") : null,
            address is { } r ? String(r, "region") : null,
            address is { } lat ? Number(lat, "latitude") : null,
            address is { } lon ? Number(lon, "longitude") : null,
            resource.TryGetProperty("verified", out var verified) && verified.ValueKind == JsonValueKind.True,
            String(resource, "plan") ?? "FREE",
            DateTimeOffset.Parse(published, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}

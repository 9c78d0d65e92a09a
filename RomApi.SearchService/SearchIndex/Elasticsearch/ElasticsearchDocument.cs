namespace RomApi.SearchService.SearchIndex.Elasticsearch;

/// <summary>
/// A resource's _source in Elasticsearch. The category text carries its synonyms, as in the Lucene engine; the folded keys feed
/// the exact-match filters; location is the geo_point; tieBreak orders equal scores the same way as Lucene does.
/// </summary>
public sealed record ElasticsearchDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("nameKey")] string NameKey,
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("place")] string Place,
    [property: JsonPropertyName("categoryId")] string? CategoryId,
    [property: JsonPropertyName("categoryName")] string? CategoryName,
    [property: JsonPropertyName("categorySlug")] string? CategorySlug,
    [property: JsonPropertyName("city")] string? City,
    [property: JsonPropertyName("cityKey")] string? CityKey,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("regionKey")] string? RegionKey,
    [property: JsonPropertyName("resourceType")] string ResourceType,
    [property: JsonPropertyName("plan")] string Plan,
    [property: JsonPropertyName("verified")] bool Verified,
    [property: JsonPropertyName("latitude")] double? Latitude,
    [property: JsonPropertyName("longitude")] double? Longitude,
    [property: JsonPropertyName("publishedAt")] DateTimeOffset? PublishedAt,
    [property: JsonPropertyName("tieBreak")] long TieBreak,
    [property: JsonPropertyName("location")] GeoPoint? Location)
{
    public static ElasticsearchDocument From(SearchDocument d, CategorySynonyms synonyms) => new(
        d.Id.ToString(), d.Name, d.Name, d.Slug, d.Description, synonyms.CategoryText(d.CategoryName), $"{d.City} {d.Region}".Trim(),
        d.CategoryId?.ToString(), d.CategoryName, d.CategorySlug, d.City, d.City, d.Region, d.Region, d.ResourceType, d.Plan, d.Verified,
        d.Latitude, d.Longitude, d.PublishedAt, LuceneDocuments.TieBreak(d.Id),
        d.Latitude is { } lat && d.Longitude is { } lon ? new GeoPoint(lat, lon) : null);

    public SearchDocument ToSearchDocument() => new(
        Guid.Parse(Id), Name, Slug, Description, ResourceType, Guid.TryParse(CategoryId, out var categoryId) ? categoryId : null,
        CategoryName, CategorySlug, City, Region, Latitude, Longitude, Verified, Plan, PublishedAt);
}

public sealed record GeoPoint([property: JsonPropertyName("lat")] double Lat, [property: JsonPropertyName("lon")] double Lon);

/// <summary>What suggestions read back (only these fields are fetched).</summary>
public sealed record ElasticsearchSuggestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("slug")] string Slug);

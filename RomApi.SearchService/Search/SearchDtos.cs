using System.Text.Json.Serialization;
using RomApi.SearchService.SearchIndex;

namespace RomApi.SearchService.Search;

/// <summary>One search result as API.md describes it; distanceKm only when lat and lon were given.</summary>
public sealed record SearchResultDto(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string ResourceType,
    SearchCategoryDto? Category,
    string? City,
    string? Region,
    double? Latitude,
    double? Longitude,
    bool Verified,
    string Plan,
    float Score,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DistanceKm,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchHighlights? Highlights)
{
    public static SearchResultDto From(SearchIndexHit hit, SearchHighlights? highlights)
    {
        var d = hit.Document;
        return new(d.Id, d.Name, d.Slug, d.Description, d.ResourceType,
            d.CategoryId is { } categoryId ? new SearchCategoryDto(categoryId, d.CategoryName, d.CategorySlug) : null,
            d.City, d.Region, d.Latitude, d.Longitude, d.Verified, d.Plan, hit.Score, hit.DistanceKm, highlights);
    }
}

/// <summary>HTML fragments of the name and description with the query's words in &lt;em&gt;; a field without a match is left out.</summary>
public sealed record SearchHighlights(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description);

public sealed record SearchCategoryDto(Guid Id, string? Name, string? Slug);

/// <summary>Paging, timing, facets and, per facet, the count outside its buckets (buckets plus other equal total).</summary>
public sealed record SearchMeta(long Total, int Limit, int Offset, double TookMs, SearchFacetsDto Facets, FacetsOther FacetsOther)
{
    public static SearchMeta From(SearchIndexPage page, SearchIndexQuery query, double tookMs) =>
        new(page.Total, query.Limit, query.Offset, tookMs,
            new SearchFacetsDto(page.Facets.Category, page.Facets.City, page.Facets.ResourceType), page.Facets.Other);
}

public sealed record SearchFacetsDto(IReadOnlyList<FacetCount> Category, IReadOnlyList<FacetCount> City, IReadOnlyList<FacetCount> ResourceType);

public sealed record SuggestionDto(Guid Id, string Name, string Slug);

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

/// <summary>
/// Paging, timing, facets and, per facet, the count outside its buckets (buckets plus other equal total); the place and the
/// category the text named, when it named one.
/// </summary>
public sealed record SearchMeta(
    long Total, int Limit, int Offset, double TookMs, SearchFacetsDto Facets, FacetsOther FacetsOther,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchPlaceDto? Place = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SearchCategoryMetaDto? Category = null)
{
    public static SearchMeta From(SearchIndexPage page, SearchIndexQuery query, double tookMs) =>
        new(page.Total, query.Limit, query.Offset, tookMs,
            new SearchFacetsDto(page.Facets.Category, page.Facets.City, page.Facets.ResourceType), page.Facets.Other,
            SearchPlaceDto.From(page.Understanding), SearchCategoryMetaDto.From(page.Understanding, page.Facets));
}

/// <summary>
/// The place the text named (the "where"): the words, the place they name, and how it was applied: "filter" (only resources in
/// the place, or naming it, are answered) or "dropped" (nothing for the rest of the text there: the answer is from anywhere).
/// </summary>
public sealed record SearchPlaceDto(string Text, string Name, string Applied)
{
    public static SearchPlaceDto? From(QueryUnderstanding? understanding) =>
        understanding is { Place: { } place, PlaceUse: { } use }
            ? new(place.Text, place.Place.Name, use == PlaceUse.Filter ? "filter" : "dropped")
            : null;
}

/// <summary>
/// The category the text named: the words, its label and how many of the results are of it ("inResults", from the category
/// facet); they rank first, then resources that only mention the words. 0 says that nothing of that kind matched.
/// </summary>
public sealed record SearchCategoryMetaDto(string Text, string Label, long InResults)
{
    public static SearchCategoryMetaDto? From(QueryUnderstanding? understanding, SearchFacets? facets) =>
        understanding is { Category: { } category }
            ? new(category.Text, category.Category.Label,
                facets?.Category.Where(bucket => category.Category.IndexNames.Contains(bucket.Key)).Sum(bucket => bucket.Count) ?? 0)
            : null;
}

public sealed record SearchFacetsDto(IReadOnlyList<FacetCount> Category, IReadOnlyList<FacetCount> City, IReadOnlyList<FacetCount> ResourceType);

public sealed record SuggestionDto(Guid Id, string Name, string Slug);

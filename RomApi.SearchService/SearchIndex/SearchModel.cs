namespace RomApi.SearchService.SearchIndex;

/// <summary>One searchable resource: the fields of a change-feed snapshot that search needs.</summary>
public sealed record SearchDocument(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string ResourceType,
    Guid? CategoryId,
    string? CategoryName,
    string? CategorySlug,
    string? City,
    string? Region,
    double? Latitude,
    double? Longitude,
    bool Verified,
    string Plan,
    DateTimeOffset? PublishedAt);

public abstract record IndexOperation(Guid Id);

public sealed record UpsertDocument(SearchDocument Document) : IndexOperation(Document.Id);

public sealed record RemoveDocument(Guid ResourceId) : IndexOperation(ResourceId);

public enum SearchSort { Relevance, Distance, Newest }

/// <summary>A point to measure distances from; with a radius, only resources within it match.</summary>
public sealed record GeoFilter(double Latitude, double Longitude, double? RadiusKm);

/// <summary>
/// A validated search: free text (may be empty: everything), exact-match filters, an optional radius.
/// <see cref="CategorySlugs"/> is the category asked for first, then its sub-categories: a resource of any of them matches.
/// </summary>
public sealed record SearchIndexQuery(
    string Text,
    int Limit,
    int Offset,
    SearchSort Sort = SearchSort.Relevance,
    Guid? CategoryId = null,
    IReadOnlyList<string>? CategorySlugs = null,
    string? City = null,
    string? Region = null,
    string? ResourceType = null,
    bool? Verified = null,
    string? Plan = null,
    GeoFilter? Geo = null,
    int FacetSize = SearchFacets.DefaultSize);

/// <param name="Understanding">The place and category the text named and what the engine did with them (null: none).</param>
public sealed record SearchIndexPage(long Total, IReadOnlyList<SearchIndexHit> Hits, SearchFacets Facets, Planning.QueryUnderstanding? Understanding = null);

public sealed record SearchIndexHit(SearchDocument Document, float Score, double? DistanceKm);

public sealed record FacetCount(string Key, long Count);

/// <summary>
/// Counts over the whole result set (not just the page), most frequent first, at most the query's facet size per facet;
/// <see cref="Other"/> counts, per facet, the matching resources outside the listed buckets (those without a value included),
/// so that each facet's buckets plus its other equal the total.
/// </summary>
public sealed record SearchFacets(
    IReadOnlyList<FacetCount> Category, IReadOnlyList<FacetCount> City, IReadOnlyList<FacetCount> ResourceType, FacetsOther Other)
{
    public static readonly SearchFacets Empty = new([], [], [], new FacetsOther(0, 0, 0));

    /// <summary>Buckets per facet unless the request says otherwise (facetSize); documented in the OpenAPI description.</summary>
    public const int DefaultSize = 20;

    /// <summary>The largest facetSize accepted.</summary>
    public const int MaxSize = 100;

    /// <summary>The facets of a result of <paramref name="total"/> resources, their other counts derived from the buckets.</summary>
    public static SearchFacets Of(long total, IReadOnlyList<FacetCount> category, IReadOnlyList<FacetCount> city, IReadOnlyList<FacetCount> resourceType) =>
        new(category, city, resourceType, new FacetsOther(Rest(total, category), Rest(total, city), Rest(total, resourceType)));

    private static long Rest(long total, IReadOnlyList<FacetCount> buckets) => Math.Max(0, total - buckets.Sum(bucket => bucket.Count));
}

/// <summary>Per facet, the matching resources that no listed bucket counts (beyond facetSize, or without a value).</summary>
public sealed record FacetsOther(long Category, long City, long ResourceType);

public sealed record SuggestionHit(Guid Id, string Name, string Slug);

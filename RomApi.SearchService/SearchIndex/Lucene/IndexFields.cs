namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>Field names of a resource document in the Lucene index; the one place that spells them.</summary>
public static class IndexFields
{
    // Stored as is, returned in hits.
    public const string Id = "id";
    public const string Name = "name";
    public const string Slug = "slug";
    public const string Description = "description";
    public const string ResourceType = "resourceType";
    public const string CategoryId = "categoryId";
    public const string CategoryName = "categoryName";
    public const string CategorySlug = "categorySlug";
    public const string City = "city";
    public const string Region = "region";
    public const string Latitude = "latitude";
    public const string Longitude = "longitude";
    public const string Verified = "verified";
    public const string Plan = "plan";
    public const string PublishedAt = "publishedAt";

    // Analysed full-text fields.
    public const string NameText = "name_text";
    public const string CategoryText = "category_text";
    public const string DescriptionText = "description_text";
    public const string PlaceText = "place_text";

    // Folded but not stemmed words of the name and category: typos are measured against the words as written, since a stem
    // ("pharmac" for "pharmacie") is two edits from a typo ("pharmacei") that is one edit from the word. Suggestions complete
    // the name's words as written too.
    public const string NameWords = "name_words";
    public const string CategoryWords = "category_words";

    // Exact keys (folded) for filters, and doc values for facets, geo and sorting.
    public const string NameKey = "name_key";
    public const string CityKey = "city_key";
    public const string RegionKey = "region_key";
    public const string LatitudeValue = "latitude_dv";
    public const string LongitudeValue = "longitude_dv";
    public const string PublishedValue = "published_dv";
    public const string TieBreakValue = "tiebreak_dv";
    public const string CategoryFacet = "category_facet";
    public const string CityFacet = "city_facet";
    public const string ResourceTypeFacet = "resourceType_facet";

    /// <summary>Full-text fields and their weights: the name counts more than the category, more than the description.</summary>
    public static readonly IReadOnlyList<(string Field, float Boost)> FullText =
        [(NameText, 4f), (CategoryText, 2f), (DescriptionText, 1f), (PlaceText, 1f)];

    /// <summary>Fields where a word also matches with typos, with the weights of their full-text counterparts.</summary>
    public static readonly IReadOnlyList<(string Field, float Boost)> Typos = [(NameWords, 4f), (CategoryWords, 2f)];
}

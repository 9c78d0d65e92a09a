namespace RomApi.SearchService.SearchIndex.Lucene;

/// <summary>Field names of a resource document in the Lucene index; the one place that spells them.</summary>
public static class IndexFields
{
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

    /// <summary>Full-text fields and their weights: the name counts more than the description.</summary>
    public static readonly IReadOnlyList<(string Field, float Boost)> FullText = [(Name, 3f), (Description, 1f)];
}

namespace RomApi.Contracts.Resources;

/// <summary>The resource service's public routes other services call (behind the gateway's /api/v1 as well).</summary>
public static class ResourceRoutes
{
    public const string ApiResources = "/api/v1/api-resources";
    public const string Categories = "/api/v1/categories";

    /// <summary>Bulk create or upsert (up to 10,000 resources per call).</summary>
    public const string Ingest = ApiResources + "/ingest";

    /// <summary>Every category, without nesting (<see cref="CategoryDto"/>s with no children).</summary>
    public const string FlatCategories = Categories + "?flat=true";

    public static string ApiResource(Guid id) => $"{ApiResources}/{id}";
}

using RomApi.OpenApi;

namespace RomApi.SearchService;

/// <summary>What the search service's OpenAPI document says beyond its endpoints (see <see cref="ApiDocumentExtensions"/>).</summary>
public static class ApiDocument
{
    public static IServiceCollection AddSearchApiDocument(this IServiceCollection services) => services.AddApiDocument(document =>
    {
        document.Title = "ROMAPI search service";
        document.Description = "Full-text, geographic and faceted search over the published resources, and name suggestions.";
        document.Tags["Search"] = "Accent- and case-insensitive search in French and English with typo tolerance, facets and distance.";
        document.QueryEnums["resourceType"] = ApiDocumentOptions.Names<ResourceType>();
        document.QueryEnums["plan"] = ApiDocumentOptions.Names<ResourcePlan>();
        foreach (var (name, type) in new[] { ("lat", "number"), ("lon", "number"), ("radiusKm", "number"), ("limit", "integer"), ("offset", "integer"), ("facetSize", "integer"), ("verified", "boolean") })
        {
            document.QueryTypes[name] = type;
        }
        document.QueryEnums["sort"] = ["relevance", "distance", "newest"];
        document.Tags["Index (internal)"] = "Index rebuild and status (not routed by the gateway).";
    });
}

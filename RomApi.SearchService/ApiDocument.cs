using RomApi.OpenApi;

namespace RomApi.SearchService;

/// <summary>
/// What the search service's OpenAPI document takes from the resource enums (see <see cref="ApiDocumentExtensions"/>); its
/// title, tags and the JSON types of its query parameters are in appsettings.json ("OpenApi:Document").
/// </summary>
public static class ApiDocument
{
    public static IServiceCollection AddSearchApiDocument(this IServiceCollection services) => services.AddApiDocument(document =>
    {
        document.QueryEnums["resourceType"] = ApiDocumentOptions.Names<ResourceType>();
        document.QueryEnums["plan"] = ApiDocumentOptions.Names<ResourcePlan>();
        document.QueryEnums["sort"] = [.. Enum.GetNames<SearchSort>().Select(name => name.ToLowerInvariant())];
    });
}

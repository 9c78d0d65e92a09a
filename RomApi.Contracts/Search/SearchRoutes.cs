namespace RomApi.Contracts.Search;

/// <summary>The search service's public routes: the prefix the gateway forwards to it, under which it maps them all.</summary>
public static class SearchRoutes
{
    public const string Prefix = "/api/v1/search";
}

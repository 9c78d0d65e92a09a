namespace RomApi.SearchService.Search;

/// <summary>One search result as API.md describes it (facets, distance and highlights come later).</summary>
public sealed record SearchResultDto(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string? ResourceType,
    SearchCategoryDto? Category,
    string? City,
    string? Region,
    double? Latitude,
    double? Longitude,
    bool Verified,
    string? Plan,
    float Score);

public sealed record SearchCategoryDto(Guid Id, string? Name, string? Slug);

public sealed record SearchMeta(long Total, int Limit, int Offset, double TookMs);

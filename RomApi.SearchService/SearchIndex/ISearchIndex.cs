namespace RomApi.SearchService.SearchIndex;

/// <summary>The search engine behind /api/v1/search, whichever one the connection string names.</summary>
public interface ISearchIndex
{
    Task<SearchIndexPage> SearchAsync(SearchIndexQuery query, CancellationToken cancellationToken);
}

public sealed record SearchIndexQuery(string Text, int Limit, int Offset);

public sealed record SearchIndexPage(long Total, IReadOnlyList<SearchIndexHit> Hits);

/// <summary>One indexed resource as stored in the index (the fields a result list needs).</summary>
public sealed record SearchIndexHit(
    Guid Id,
    string Name,
    string Slug,
    string? Description,
    string? ResourceType,
    Guid? CategoryId,
    string? CategoryName,
    string? CategorySlug,
    string? City,
    string? Region,
    double? Latitude,
    double? Longitude,
    bool Verified,
    string? Plan,
    float Score);

/// <summary>The configured engine cannot answer (not open, or not implemented yet); callers answer 503.</summary>
public sealed class SearchUnavailableException(string message) : Exception(message);

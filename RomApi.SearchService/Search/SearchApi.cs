using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RomApi.SearchService.SearchIndex;
using RomApi.SearchService.Telemetry;
using RomApi.ServiceDefaults.Envelopes;
using RomApi.ServiceDefaults.Errors;

namespace RomApi.SearchService.Search;

public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/search").WithTags("Search");

        api.MapGet("", Search)
            .WithName("Search")
            .WithSummary("Full-text search of published resources; q up to 500 characters (empty lists everything), limit 1..100 (default 20), offset >= 0. Query syntax characters are treated as plain text.");

        return api;
    }

    public static async Task<Results<Ok<ApiResponse<IReadOnlyList<SearchResultDto>>>, ErrorResult>> Search(
        string? q,
        int? limit,
        int? offset,
        ISearchIndex index,
        IOptions<SearchOptions> options,
        SearchServiceMetrics metrics,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var text = q ?? "";
        if (text.Length > settings.MaxQueryLength)
        {
            return ApiErrors.BadRequest($"q must be at most {settings.MaxQueryLength} characters.");
        }
        var take = limit ?? settings.DefaultLimit;
        if (take < 1 || take > settings.MaxLimit)
        {
            return ApiErrors.BadRequest($"limit must be between 1 and {settings.MaxLimit}.");
        }
        var skip = offset ?? 0;
        if (skip < 0 || skip > settings.MaxOffset)
        {
            return ApiErrors.BadRequest($"offset must be between 0 and {settings.MaxOffset}.");
        }

        var started = time.GetTimestamp();
        SearchIndexPage page;
        try
        {
            page = await index.SearchAsync(new SearchIndexQuery(text, take, skip), cancellationToken);
        }
        catch (SearchUnavailableException exception)
        {
            return ApiErrors.ServiceUnavailable(exception.Message);
        }
        var tookMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 2);
        metrics.SearchCompleted(tookMs, page.Total);

        var results = page.Hits.Select(ToDto).ToList();
        return ApiResults.Ok<IReadOnlyList<SearchResultDto>>(results, time, new SearchMeta(page.Total, take, skip, tookMs));
    }

    private static SearchResultDto ToDto(SearchIndexHit hit) => new(
        hit.Id,
        hit.Name,
        hit.Slug,
        hit.Description,
        hit.ResourceType,
        hit.CategoryId is { } categoryId ? new SearchCategoryDto(categoryId, hit.CategoryName, hit.CategorySlug) : null,
        hit.City,
        hit.Region,
        hit.Latitude,
        hit.Longitude,
        hit.Verified,
        hit.Plan,
        hit.Score);
}

using RomApi.AnalyticsService.TopResources;

namespace RomApi.AnalyticsService.SearchAnalytics;

public static class SearchAnalyticsApi
{
    private const string Parameters = "period like 24h or 7d (default 7d, at most 366d), limit 1..100 (default 10). " +
                                      "Queries are compared trimmed, lower-cased, inner spaces collapsed. Admin only.";

    public static IEndpointRouteBuilder MapSearchAnalyticsApi(this IEndpointRouteBuilder analytics)
    {
        var api = analytics.MapGroup("/search");
        api.MapGet("/top-queries", GetTopQueries)
            .WithName("GetTopSearchQueries").WithAccess(ApiAccess.Admin)
            .WithSummary("The most frequent search queries, with their zero-result count and average result count.")
            .WithDescription(Parameters)
            .Produces<ApiResponse<IReadOnlyList<SearchQueryStatsDto>>>();
        api.MapGet("/zero-results", GetZeroResultQueries)
            .WithName("GetZeroResultSearchQueries").WithAccess(ApiAccess.Admin)
            .WithSummary("Search queries that found nothing, most frequent first (what the directory lacks).")
            .WithDescription(Parameters)
            .Produces<ApiResponse<IReadOnlyList<SearchQueryStatsDto>>>();
        return api;
    }

    public static Task<IResult> GetTopQueries(string? period, int? limit, HttpContext context, SearchQueriesQuery query,
        IOptions<TopResourcesOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        RunAsync(period, limit, zeroOnly: false, context, query, options.Value, time, cancellationToken);

    public static Task<IResult> GetZeroResultQueries(string? period, int? limit, HttpContext context, SearchQueriesQuery query,
        IOptions<TopResourcesOptions> options, TimeProvider time, CancellationToken cancellationToken) =>
        RunAsync(period, limit, zeroOnly: true, context, query, options.Value, time, cancellationToken);

    private static async Task<IResult> RunAsync(string? period, int? limit, bool zeroOnly, HttpContext context, SearchQueriesQuery query,
        TopResourcesOptions settings, TimeProvider time, CancellationToken cancellationToken)
    {
        if (AnalyticsAccess.RequireAdmin(context.GetPlatformIdentity()) is { } denied)
        {
            return denied;
        }
        var (window, error) = TopResourcesQuery.ParseWindow(period, limit, settings, time.GetUtcNow());
        if (window is null)
        {
            return error!;
        }
        var rows = await query.RunAsync(window.From, window.To, window.Limit, zeroOnly, cancellationToken);
        return ApiResults.Ok(rows, time, new SearchQueriesMeta(window.Period, window.From, window.To, window.Limit));
    }
}

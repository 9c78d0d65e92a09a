using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RomApi.AnalyticsService.Data;
using RomApi.AnalyticsService.Stats;
using RomApi.AnalyticsService.Telemetry;
using RomApi.ServiceDefaults.Envelopes;
using RomApi.ServiceDefaults.Errors;

namespace RomApi.AnalyticsService.TopResources;

public static class TopResourcesApi
{
    public static RouteGroupBuilder MapTopResourcesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/analytics").WithTags("Analytics");

        api.MapGet("/top", GetTopResources)
            .WithName("GetTopResources")
            .WithSummary("Resources with the most events of one type in a recent window (eventType default VIEW, period default 7d, limit 1..100 default 10).")
            .WithDescription("Public. Counted from the hourly rollup, so the window starts at the top of the hour that holds now - period.");

        return api;
    }

    public static async Task<Results<Ok<ApiResponse<IReadOnlyList<TopResourceDto>>>, ErrorResult>> GetTopResources(
        string? eventType,
        string? period,
        int? limit,
        AnalyticsDbContext db,
        IOptions<TopResourcesOptions> options,
        AnalyticsServiceMetrics metrics,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (TopResourcesQuery.ParseEventType(eventType ?? "VIEW") is not { } type)
        {
            return ApiErrors.BadRequest("eventType must be an UPPER_CASE event name such as VIEW or CLICK.");
        }
        var (window, error) = TopResourcesQuery.ParseWindow(period, limit, settings, time.GetUtcNow());
        if (window is null)
        {
            return error!;
        }
        var (from, to, take) = (window.From, window.To, window.Limit);
        // The hourly rollup answers at hour granularity: the window starts at the hour that holds "from".
        var firstHour = HourBuckets.Floor(from);
        var top = await db.HourlyRollups.AsNoTracking()
            .Where(r => r.EventType == type && r.BucketStart >= firstHour && r.BucketStart <= to)
            .GroupBy(r => r.ResourceId)
            .Select(g => new { ResourceId = g.Key, Count = g.Sum(r => r.Count) })
            .OrderByDescending(r => r.Count).ThenBy(r => r.ResourceId)
            .Take(take)
            .Select(r => new TopResourceDto(r.ResourceId, r.Count))
            .ToListAsync(cancellationToken);

        metrics.TopListServed(type);
        return ApiResults.Ok<IReadOnlyList<TopResourceDto>>(top, time, new TopResourcesMeta(type, window.Period, from, to, take));
    }
}

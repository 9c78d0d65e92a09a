namespace RomApi.AnalyticsService.Stats;

public static class StatsApi
{
    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder analytics)
    {
        analytics.MapGet("/resources/{id:guid}/stats", GetResourceStats)
            .WithName("GetResourceStats").WithAccess(ApiAccess.Caller)
            .WithSummary("Event counts of one resource per hour, day or week (owner or admin).")
            .WithDescription($"interval=hour|day (default)|week; {TimeRange.Described} (a bad or out-of-range value is a 400 naming " +
                             "the parameter), default the last 24 hours, 30 days or 12 weeks up to now. " +
                             "Buckets are UTC, weeks start on Monday; from is rounded down and " +
                             "to up to a bucket edge and the window is [from, to), so a to on an edge ends before that bucket; every bucket is listed (zeros included) with counts of VIEW, CLICK, CONTACT, SHARE. " +
                             "At most 1000 buckets. Read from the hourly rollup, so counts outlive raw-event retention. " +
                             "401 anonymous, 403 neither owner nor admin of a public resource (or an API key without analytics:read), " +
                             "404 unknown resource or someone else's non-public one (the same answer), 503 when the resource service " +
                             "cannot be asked about ownership.")
            .Produces<ApiResponse<ResourceStatsDto>>();
        return analytics;
    }

    public static async Task<IResult> GetResourceStats(
        Guid id, string? from, string? to, string? interval,
        HttpContext context, ResourceDirectory resources, StatsQuery query, IOptions<StatsOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        if (AnalyticsAccess.RequireReader(caller) is { } denied)
        {
            return denied;
        }
        if (TimeRange.ParseInterval(interval) is not { } unit)
        {
            return ApiErrors.BadParameter("interval", "must be hour, day or week.");
        }
        var (start, end, rangeError) = TimeRange.Resolve(from, to, unit, TimeRange.DefaultSpan(unit), time.GetUtcNow());
        if (rangeError is not null)
        {
            return rangeError;
        }
        if ((end - start) / TimeRange.Step(unit) > options.Value.MaxBuckets)
        {
            return ApiErrors.BadParameter("from", $"is too far before to: at most {options.Value.MaxBuckets} buckets per request; narrow the range or widen the interval.");
        }

        ResourceInfo? resource;
        try
        {
            resource = await resources.FindAsync(id, cancellationToken);
        }
        catch (ResourceDirectoryUnavailableException)
        {
            return ApiErrors.ServiceUnavailable("Resource ownership cannot be checked right now; try again.");
        }
        var mayRead = resource is not null && (caller.IsAdmin || resource.OwnerId == caller.UserId);
        // Someone else's non-public resource is answered as an unknown one: the answer must not tell that the id exists.
        if (resource is null || (!mayRead && !resource.IsPublic))
        {
            return ApiErrors.NotFound($"No API resource with id '{id}'.");
        }
        if (!mayRead)
        {
            return ApiErrors.Forbidden("Only the resource's owner or an administrator may read its stats.");
        }

        var rows = await query.RunAsync(id, start, end, unit, cancellationToken);
        var (buckets, totals) = StatsBuckets.Fill(start, end, unit, rows);
        return ApiResults.Ok(new ResourceStatsDto(id, unit.ToString().ToLowerInvariant(), start, end, buckets, totals), time);
    }
}

namespace RomApi.AnalyticsService.TopResources;

public static class TopResourcesApi
{
    /// <summary>Pages of ranked candidates looked at before the list is answered with what was found readable.</summary>
    private const int MaxCandidatePages = 5;

    public static IEndpointRouteBuilder MapTopResourcesApi(this IEndpointRouteBuilder analytics)
    {
        analytics.MapGet("/top", GetTopResources)
            .WithName("GetTopResources")
            .WithSummary("Resources with the most events of one type in a recent window (eventType default VIEW, period default 7d, limit 1..100 default 10).")
            .WithDescription("Public. Counted from the hourly rollup, so the window starts at the top of the hour that holds now - period. " +
                             "Lists only resources the caller may read when asking: public (ACTIVE) ones, and for a signed-in user with " +
                             "their own token also their own, for an admin all; deleted, PENDING and SUSPENDED resources of others never " +
                             "appear (a status change shows within 5 seconds). VIEW counts are one per client and resource per hour.")
            .Produces<ApiResponse<IReadOnlyList<TopResourceDto>>>();
        return analytics;
    }

    public static async Task<IResult> GetTopResources(
        string? eventType,
        string? period,
        int? limit,
        HttpContext context,
        AnalyticsDbContext db,
        ResourceDirectory resources,
        IOptions<TopResourcesOptions> options,
        IOptions<IngestionOptions> ingestion,
        AnalyticsServiceMetrics metrics,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Only events about a resource rank resources; an unknown name is a typo to report, not an empty list.
        if (EventTypes.ParseResourceEvent(eventType ?? EventTypes.View) is not { } type)
        {
            return ApiErrors.BadParameter("eventType", $"must be one of {string.Join(", ", EventTypes.ResourceEvents)}.");
        }
        var (window, error) = TopResourcesQuery.ParseWindow(period, limit, settings, time.GetUtcNow());
        if (window is null)
        {
            return error!;
        }
        var (from, to, take) = (window.From, window.To, window.Limit);
        // The hourly rollup answers at hour granularity: the window starts at the hour that holds "from".
        var firstHour = HourBuckets.Floor(from);
        var ranked = db.HourlyRollups.AsNoTracking()
            .Where(r => r.EventType == type && r.BucketStart >= firstHour && r.BucketStart <= to)
            .GroupBy(r => r.ResourceId)
            .Select(g => new { ResourceId = g.Key, Count = g.Sum(r => r.Count) })
            .OrderByDescending(r => r.Count).ThenBy(r => r.ResourceId);

        // Ranked candidates a page at a time, kept when the caller may read them now, until the list is full.
        var caller = context.GetPlatformIdentity();
        var pageSize = Math.Max(take * 2, 20);
        var top = new List<TopResourceDto>(take);
        for (var page = 0; page < MaxCandidatePages && top.Count < take; page++)
        {
            var candidates = await ranked.Skip(page * pageSize).Take(pageSize)
                .Select(r => new TopResourceDto(r.ResourceId, r.Count))
                .ToListAsync(cancellationToken);
            HashSet<Guid> readable;
            try
            {
                readable = await resources.ReadableAsync(candidates.Select(c => c.ResourceId), caller, cancellationToken);
            }
            catch (ResourceDirectoryUnavailableException)
            {
                return new RetryAfterResult(ingestion.Value.RetryAfterSeconds,
                    ApiErrors.ServiceUnavailable("Which resources may be listed cannot be checked right now; try again."));
            }
            top.AddRange(candidates.Where(c => readable.Contains(c.ResourceId)).Take(take - top.Count));
            if (candidates.Count < pageSize)
            {
                break;
            }
        }

        metrics.TopListServed(type);
        return ApiResults.Ok<IReadOnlyList<TopResourceDto>>(top, time, new TopResourcesMeta(type, window.Period, from, to, take));
    }
}

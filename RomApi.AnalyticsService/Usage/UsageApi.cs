namespace RomApi.AnalyticsService.Usage;

public static class UsageApi
{
    private const int MaxDays = 366;

    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder analytics)
    {
        analytics.MapGet("/usage", GetUsage)
            .WithName("GetApiUsage").WithAccess(ApiAccess.Caller)
            .WithSummary("The caller's API requests per UTC day and per API key (admin: userId= for anyone).")
            .WithDescription($"{TimeRange.Described}, default the last 30 days up to now; " +
                             "from is rounded down and to up to midnight UTC; a bad or out-of-range value is a 400 naming the parameter; " +
                             "at most 366 days. Every day is listed, zeros included. apiKeyId null = requests with the user's own token. " +
                             "Counted from the API_REQUEST events the gateway records, so it covers the raw-event retention (13 months).")
            .Produces<ApiResponse<UsageDto>>();
        return analytics;
    }

    public static async Task<IResult> GetUsage(string? from, string? to, Guid? userId, HttpContext context, UsageQuery query, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.GetPlatformIdentity();
        if (AnalyticsAccess.RequireReader(caller) is { } denied)
        {
            return denied;
        }
        if (userId is { } other && other != caller.UserId && !caller.IsAdmin)
        {
            return ApiErrors.Forbidden("Only administrators may read another user's usage.");
        }
        var (start, end, rangeError) = TimeRange.Resolve(from, to, StatsInterval.Day, TimeSpan.FromDays(30), time.GetUtcNow());
        if (rangeError is not null)
        {
            return rangeError;
        }
        if ((end - start).TotalDays > MaxDays)
        {
            return ApiErrors.BadParameter("from", $"must be at most {MaxDays} days before to.");
        }

        var subject = userId ?? caller.UserId!.Value;
        var rows = await query.RunAsync(subject, start, end, cancellationToken);
        return ApiResults.Ok(UsageQuery.Shape(subject, start, end, rows), time);
    }
}

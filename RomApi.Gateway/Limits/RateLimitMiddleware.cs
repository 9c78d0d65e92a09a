namespace RomApi.Gateway.Limits;

/// <summary>
/// Applies the caller's rate limit (per IP, per user by plan, or per API key per hour), the monthly quota and the global ceiling
/// to every /api/v1 request in one counting step, and writes RateLimit-Limit/Remaining/Reset (and Retry-After on 429).
/// </summary>
public sealed class RateLimitMiddleware(
    RequestDelegate next, DistributedCounters counters, IOptions<LimitsOptions> options, TimeProvider time, GatewayMetrics metrics)
{
    // Not async: far from its limits a request is counted without waiting (DistributedCounters), and then goes on without a
    // state machine of this middleware's kept alive around the rest of the pipeline.
    public Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.Enabled || !context.Request.Path.StartsWithSegments("/api/v1"))
        {
            return next(context);
        }
        var limits = CountersFor(context.GetCaller(), context);
        var counting = counters.CountAsync(limits);
        return counting.IsCompletedSuccessfully
            ? Continue(context, limits, counting.Result)
            : ContinueWhenCountedAsync(context, limits, counting);
    }

    private async Task ContinueWhenCountedAsync(HttpContext context, Counter[] limits, ValueTask<CountResult> counting) =>
        await Continue(context, limits, await counting);

    private Task Continue(HttpContext context, Counter[] limits, CountResult result)
    {
        var subject = limits[0];
        var headers = context.Response.Headers;
        headers["RateLimit-Limit"] = subject.LimitText;
        headers["RateLimit-Remaining"] = Math.Max(0, subject.Limit - result.Counts[0]).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = Seconds(result.ResetsIn[0]);

        if (result.RejectedBy is not { } rejected)
        {
            return next(context);
        }
        metrics.RateLimitRejected(rejected.Scope);
        headers.RetryAfter = Seconds(result.ResetsIn[IndexOf(limits, rejected)]);
        var quota = rejected.Scope == "quota";
        return ErrorEnvelopeWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            quota ? ErrorCodes.QuotaExceeded : ErrorCodes.RateLimitExceeded,
            quota ? "The monthly request quota of this account is used up."
                  : rejected.Scope == "global" ? "The platform is busy; slow down." : "Too many requests; slow down.");
    }

    /// <summary>
    /// The caller's own limit first (its headers are the ones sent): the key's hourly limit, else the user's plan limit, else the
    /// client IP's; then the owner's plan limit for a key, the monthly quota, the global ceiling. An authenticated caller's list is
    /// built once per calendar month and kept with the caller (<see cref="Caller.Derived"/>).
    /// </summary>
    private Counter[] CountersFor(Caller caller, HttpContext context)
    {
        if (caller.UserId is null)
        {
            return AnonymousCounters(ClientIp.Of(context));
        }
        var now = time.GetUtcNow();
        var month = now.Year * 100 + now.Month;
        if (caller.Derived.Limits is { } known && known.Month == month)
        {
            return known.Counters;
        }
        var counters = AuthenticatedCounters(caller, caller.UserId.Value, now);
        caller.Derived.Limits = (counters, month);
        return counters;
    }

    /// <summary>
    /// An anonymous client's counters, kept per address so a client's requests share one list (as a caller's do): bounded, and
    /// emptied when full, since rebuilding a list only costs what not keeping it did.
    /// </summary>
    private Counter[] AnonymousCounters(string ip)
    {
        if (_anonymous.TryGetValue(ip, out var known))
        {
            return known;
        }
        if (_anonymous.Count >= MaxAnonymousKept)
        {
            _anonymous.Clear();
        }
        var settings = options.Value;
        Counter[] counters =
        [
            new Counter("ip", $"rl:ip:{ip}", settings.AnonymousPerMinute, TimeSpan.FromMinutes(1)),
            new Counter("global", GlobalKey, settings.GlobalPerSecond, TimeSpan.FromSeconds(1)),
        ];
        _anonymous[ip] = counters;
        return counters;
    }

    private Counter[] AuthenticatedCounters(Caller caller, Guid userId, DateTimeOffset now)
    {
        var settings = options.Value;
        var list = new List<Counter>(4);
        if (caller.ApiKeyId is { } keyId)
        {
            list.Add(new Counter("api_key", $"rl:key:{keyId:N}", caller.ApiKeyRateLimit > 0 ? caller.ApiKeyRateLimit : settings.ApiKeyDefaultPerHour, TimeSpan.FromHours(1)));
        }
        // A key's requests are its owner's too: the plan limit holds for the user's token and all its keys together.
        list.Add(new Counter("user", $"rl:user:{userId:N}", settings.PerMinuteFor(caller.Plan), TimeSpan.FromMinutes(1)));
        if (caller.ApiQuota > 0)
        {
            list.Add(QuotaCounter(userId, caller.ApiQuota, now));
        }
        list.Add(new Counter("global", GlobalKey, settings.GlobalPerSecond, TimeSpan.FromSeconds(1)));
        return [.. list];
    }

    private const string GlobalKey = "rl:global";
    private const int MaxAnonymousKept = 10_000;
    private readonly ConcurrentDictionary<string, Counter[]> _anonymous = new(StringComparer.Ordinal);

    /// <summary>Requests of one user in the current calendar month (UTC); the key expires when the month ends.</summary>
    public static Counter QuotaCounter(Guid userId, long quota, DateTimeOffset now)
    {
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new Counter("quota", QuotaKey(userId, now), quota, monthStart.AddMonths(1) - now);
    }

    public static string QuotaKey(Guid userId, DateTimeOffset now) => $"quota:{userId:N}:{now:yyyyMM}";

    private static int IndexOf(Counter[] counters, Counter counter) => Array.IndexOf(counters, counter);

    private static string Seconds(TimeSpan span) =>
        Math.Max(0, (long)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

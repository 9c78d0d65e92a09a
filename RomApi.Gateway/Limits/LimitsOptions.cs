namespace RomApi.Gateway.Limits;

/// <summary>Rate limits and quotas (configuration section "Limits"); tests and benchmarks set their own numbers here.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    public bool Enabled { get; set; } = true;

    /// <summary>Ceiling over all callers together, per second and per gateway fleet: it protects the backends.</summary>
    public int GlobalPerSecond { get; set; } = 10_000;

    /// <summary>Anonymous callers, per client IP.</summary>
    public int AnonymousPerMinute { get; set; } = 600;

    /// <summary>Users, by plan (API.md).</summary>
    public Dictionary<string, int> PerMinuteByPlan { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FREE"] = 60,
        ["PRO"] = 600,
        ["PREMIUM"] = 3_000,
        ["ENTERPRISE"] = 10_000,
    };

    /// <summary>An API key without its own rateLimit gets this many requests per hour.</summary>
    public int ApiKeyDefaultPerHour { get; set; } = 1_000;

    /// <summary>
    /// A counter with more than this many hits left (and more than <see cref="ExactWithinFraction"/> of its limit) is counted on
    /// the replica and sent to Redis in the background; closer to the limit every hit is checked in Redis.
    /// </summary>
    public int ExactWithin { get; set; } = 100;

    public double ExactWithinFraction { get; set; } = 0.1;

    /// <summary>How often a replica sends the hits it counted itself to Redis (sooner when a quarter of the reserve piles up).</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A replica that has not heard from Redis about a counter for this long (it sent none of its hits meanwhile) checks the next
    /// hit in Redis before counting on its own again: while it was quiet the others may have brought the count near the limit.
    /// </summary>
    public TimeSpan MaxViewAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait for Redis before this replica decides alone (per-replica counters) and keeps serving.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// After Redis failed or timed out, this replica limits on its own this long before asking Redis again: a hung Redis (port
    /// open, nothing answering) then costs one <see cref="RedisTimeout"/> per period instead of one per request.
    /// </summary>
    public TimeSpan RedisRetryAfterFailure { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most a key of a <paramref name="plan"/> user may ask for: the plan's per-minute limit over an hour.</summary>
    public int ApiKeyMaxPerHourFor(string? plan) => (int)Math.Min(int.MaxValue, 60L * PerMinuteFor(plan));

    public int PerMinuteFor(string? plan) =>
        plan is not null && PerMinuteByPlan.TryGetValue(plan, out var limit) ? limit : PerMinuteByPlan.GetValueOrDefault("FREE", 60);
}

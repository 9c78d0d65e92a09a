namespace RomApi.Gateway.Limits;

/// <summary>
/// A user's requests this calendar month: the quota counter in Redis is the live count; the stored users.api_usage answers
/// only while Redis cannot.
/// </summary>
public sealed class QuotaUsageReader(DistributedCounters counters, IdentityDbContext db, TimeProvider time)
{
    public async Task<long> MonthToDateAsync(Guid userId)
    {
        if (await counters.ReadAsync(RateLimitMiddleware.QuotaKey(userId, time.GetUtcNow())) is { } live)
        {
            return live;
        }
        return await db.Users.Where(u => u.Id == userId).Select(u => u.ApiUsage).SingleOrDefaultAsync();
    }
}

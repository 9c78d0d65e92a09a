namespace RomApi.ResourceService.ChangeFeed;

/// <summary>
/// One transaction-scoped advisory lock taken by every write transaction. It makes outbox sequences commit in order
/// (a reader of the change feed never sees sequence N+1 before N) and makes slug allocation race-free.
/// </summary>
public static class WriteLock
{
    private const long LockKey = 0x524f4d4150495253; // "ROMAPIRS"

    public static Task AcquireAsync(ResourceDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
}

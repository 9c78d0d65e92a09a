namespace RomApi.Gateway.Identity;

/// <summary>
/// Slows password guessing without locking owners out (API.md "Login protection"): failures are counted per account and client
/// address, and per account over all addresses, in the identity database (<see cref="LoginFailure"/>), so every gateway replica
/// sees them and no cache restart forgets them. Each attempt is counted as a failure before its password is checked (concurrent
/// guesses cannot slip between a check and a count) and given back when the password was right.
/// </summary>
public sealed class LoginThrottle(IdentityDbContext db, IOptions<IdentityOptions> options, TimeProvider time)
{
    /// <summary>Null when the password may be checked now (the attempt is counted), else how long this address must wait.</summary>
    public async Task<TimeSpan?> BeginAttemptAsync(string email, string address, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var account = AccountKey(email);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO login_failures (account_key, address, failures, first_failure_at, last_failure_at, blocked_until)
            VALUES ({account}, {LoginFailure.AccountWide}, 0, {now}, {now}, {now}), ({account}, {address}, 0, {now}, {now}, {now})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        // One lock order for every attempt on the account (account-wide row first): concurrent attempts queue, never deadlock.
        var rows = await db.LoginFailures
            .FromSql($"SELECT * FROM login_failures WHERE account_key = {account} AND address IN ({LoginFailure.AccountWide}, {address}) ORDER BY address = {LoginFailure.AccountWide} DESC FOR UPDATE")
            .ToListAsync(cancellationToken);
        var accountWide = rows.Single(r => r.Address == LoginFailure.AccountWide);
        var pair = rows.Single(r => r.Address == address);

        Forget(accountWide, now - settings.AccountLoginWindow, now);
        Forget(pair, now - settings.LoginFailureMemory, now);
        if (pair.BlockedUntil > now)
        {
            await transaction.RollbackAsync(cancellationToken);
            return pair.BlockedUntil - now;
        }
        accountWide.Failures++;
        accountWide.LastFailureAt = now;
        pair.Failures++;
        pair.LastFailureAt = now;
        pair.BlockedUntil = now + LoginDelays.After(pair.Failures, accountWide.Failures > settings.AccountLoginCeiling, settings);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The password was right: this address starts afresh on this account, and the account-wide count takes the attempt back.</summary>
    public async Task SucceededAsync(string email, string address, CancellationToken cancellationToken)
    {
        var account = AccountKey(email);
        await db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM login_failures WHERE account_key = {account} AND address = {address};
            UPDATE login_failures SET failures = greatest(failures - 1, 0) WHERE account_key = {account} AND address = {LoginFailure.AccountWide};
            """, cancellationToken);
    }

    // A count older than its window starts again.
    private static void Forget(LoginFailure row, DateTimeOffset before, DateTimeOffset now)
    {
        if (row.LastFailureAt < before || row.Failures == 0)
        {
            row.Failures = 0;
            row.FirstFailureAt = now;
        }
    }

    // Hashed so that the table does not list who tried to log in.
    private static string AccountKey(string email) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email)))[..32];
}

namespace RomApi.Gateway.Identity;

/// <summary>Issues, rotates and revokes refresh tokens; only their SHA-256 is stored.</summary>
public sealed partial class RefreshTokenStore(
    IdentityDbContext db, IOptions<IdentityOptions> options, TimeProvider time, ILogger<RefreshTokenStore> logger)
{
    public async Task<string> IssueAsync(Guid userId, Guid familyId, CancellationToken cancellationToken)
    {
        var (token, entity) = NewToken(userId, familyId);
        db.RefreshTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Exchanges a refresh token for its successor. A token that was already exchanged is a replay: the whole family is revoked,
    /// which logs out both the thief and the owner, and null is returned.
    /// </summary>
    public async Task<(User User, string Token)?> RotateAsync(string presented, CancellationToken cancellationToken)
    {
        var hash = HashOf(presented);
        var stored = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow();
        if (stored is null)
        {
            return null;
        }
        if (stored.RevokedAt is not null)
        {
            if (stored.ReplacedById is not null)
            {
                await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
                LogReuse(logger, stored.UserId, stored.FamilyId);
            }
            return null;
        }
        if (stored.ExpiresAt <= now)
        {
            return null;
        }

        var (token, successor) = NewToken(stored.UserId, stored.FamilyId);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.RefreshTokens.Add(successor);
        await db.SaveChangesAsync(cancellationToken);
        // Conditional update: of two concurrent exchanges of one token only one wins; the other counts as a replay.
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.ReplacedById, successor.Id), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            LogReuse(logger, stored.UserId, stored.FamilyId);
            return null;
        }
        await transaction.CommitAsync(cancellationToken);

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == stored.UserId, cancellationToken);
        return (user, token);
    }

    /// <summary>Ends the session the token belongs to. Unknown tokens are ignored: logout is idempotent.</summary>
    public async Task RevokeSessionAsync(string presented, CancellationToken cancellationToken)
    {
        var hash = HashOf(presented);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId)
            .SingleOrDefaultAsync(cancellationToken);
        if (familyId is { } family)
        {
            await RevokeFamilyAsync(family, cancellationToken);
        }
    }

    private Task RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    private (string Token, RefreshToken Entity) NewToken(Guid userId, Guid familyId)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        return (token, new RefreshToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            FamilyId = familyId,
            TokenHash = HashOf(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        });
    }

    private static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh token reuse by user {UserId}: family {FamilyId} revoked")]
    private static partial void LogReuse(ILogger logger, Guid userId, Guid familyId);
}

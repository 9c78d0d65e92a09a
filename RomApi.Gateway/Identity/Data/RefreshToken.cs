namespace RomApi.Gateway.Identity.Data;

/// <summary>
/// One refresh token of a login session. Only the SHA-256 of the token is stored. Tokens rotate: using one revokes it and issues
/// its successor in the same family; presenting a token that was already used revokes the whole family (it was stolen or replayed).
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }

    /// <summary>Every token descended from one login shares the family id.</summary>
    public Guid FamilyId { get; set; }

    public required byte[] TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set when the token was exchanged (rotation), logged out, or its family revoked.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? ReplacedById { get; set; }
}

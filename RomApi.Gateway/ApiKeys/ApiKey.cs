namespace RomApi.Gateway.ApiKeys;

/// <summary>
/// An API key of a user: the public prefix (unique, used to find the key) and the SHA-256 of the whole key; the secret itself is
/// shown once at creation and never stored.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string KeyPrefix { get; set; }
    public required byte[] KeyHash { get; set; }
    public required string[] Permissions { get; set; }

    /// <summary>Requests per hour.</summary>
    public int RateLimit { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

namespace RomApi.Gateway.ApiKeys;

public sealed record CreateApiKeyRequest(string? Name, string[]? Permissions, int? RateLimit, DateTimeOffset? ExpiresAt);

/// <summary>The answer to a creation: the only time <see cref="Key"/> is ever shown.</summary>
public sealed record CreatedApiKey(
    Guid Id, string Name, string Key, string KeyPrefix, IReadOnlyList<string> Permissions, int RateLimit, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt);

public sealed record ApiKeySummary(
    Guid Id, string Name, string KeyPrefix, IReadOnlyList<string> Permissions, int RateLimit, bool IsActive,
    DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt)
{
    public static ApiKeySummary Of(ApiKey key) =>
        new(key.Id, key.Name, key.KeyPrefix, key.Permissions, key.RateLimit, key.IsActive, key.LastUsedAt, key.ExpiresAt, key.CreatedAt);
}

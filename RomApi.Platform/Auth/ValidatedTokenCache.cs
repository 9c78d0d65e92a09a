using Microsoft.Extensions.Caching.Memory;

namespace RomApi.Platform.Auth;

/// <summary>
/// What a token's successful validation produced, remembered by the token's exact text until the token expires: checking a
/// signature and reading the claims costs more than the rest of a proxied request. Refused tokens are never remembered.
/// </summary>
public sealed class ValidatedTokenCache<T>(TimeProvider time) where T : class
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    /// <summary>The remembered result and whether the token has expired since; null when the token was not seen.</summary>
    public (T Value, bool Expired)? Find(string token) =>
        _entries.TryGetValue(token, out Entry? entry) && entry is not null ? (entry.Value, entry.ValidUntil <= time.GetUtcNow()) : null;

    public void Remember(string token, T value, DateTimeOffset validUntil) =>
        _entries.Set(token, new Entry(value, validUntil), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = validUntil });

    private sealed record Entry(T Value, DateTimeOffset ValidUntil);
}

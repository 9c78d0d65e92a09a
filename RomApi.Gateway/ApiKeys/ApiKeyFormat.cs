using System.Runtime.InteropServices;

namespace RomApi.Gateway.ApiKeys;

/// <summary>
/// Keys look like "rk_{12 chars}_{43 chars}": the public prefix "rk_{12 chars}" finds the key, the 256-bit random secret after it
/// proves it. Only SHA-256 of the whole key is stored (a fast hash is right here: the secret has 256 bits of entropy, unlike a password).
/// </summary>
public static class ApiKeyFormat
{
    private const string Marker = "rk_";
    private const int PrefixRandomLength = 12;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static (string Key, string Prefix, byte[] Hash) Generate()
    {
        var prefix = Marker + RandomNumberGenerator.GetString(Alphabet, PrefixRandomLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = $"{prefix}_{secret}";
        return (key, prefix, HashOf(key));
    }

    /// <summary>The prefix of a well-formed key, else null (so junk never reaches the database).</summary>
    public static string? PrefixOf(string key)
    {
        var prefixLength = Marker.Length + PrefixRandomLength;
        if (key.Length != prefixLength + 1 + 43 || !key.StartsWith(Marker, StringComparison.Ordinal) || key[prefixLength] != '_')
        {
            return null;
        }
        return key[..prefixLength];
    }

    public static byte[] HashOf(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool Matches(string presented, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(HashOf(presented), storedHash);

    /// <summary>Whether <paramref name="presented"/> is the same text as a key that matched already (constant time).</summary>
    public static bool SameAsVerified(string presented, string? verified) =>
        verified is not null && CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(presented.AsSpan()), MemoryMarshal.AsBytes(verified.AsSpan()));
}

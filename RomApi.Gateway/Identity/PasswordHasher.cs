namespace RomApi.Gateway.Identity;

/// <summary>
/// PBKDF2-HMAC-SHA512 with 210,000 iterations (OWASP's 2023 figure for SHA-512) and a 16-byte random salt; about 0.1 s per
/// hash on one core, which is the point. Stored as "pbkdf2-sha512$iterations$salt$hash" (base64) so the cost can be raised later
/// without breaking stored hashes.
/// </summary>
public static class PasswordHasher
{
    private const string Scheme = "pbkdf2-sha512";
    public const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Verified against when the email is unknown, so that both answers take the same time.</summary>
    private static readonly string DummyHash = Hash("not-a-real-password-0123456789");

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1)
        {
            return false;
        }
        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the same work as a real verification and fails.</summary>
    public static bool VerifyAgainstNothing(string password)
    {
        Verify(password, DummyHash);
        return false;
    }
}

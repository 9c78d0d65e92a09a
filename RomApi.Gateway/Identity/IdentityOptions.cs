namespace RomApi.Gateway.Identity;

/// <summary>
/// Secrets of the identity feature, from ConnectionStrings:identity-secrets ("SigningKey=...;AdminPassword=...")
/// plus the first admin's email (Identity:Admin:Email) and token lifetimes (section "Identity"). Secrets are never logged.
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";
    public const string SecretsConnectionName = "identity-secrets";

    /// <summary>Signs access tokens and the identity token forwarded to the services (different issuer and audience for each).</summary>
    public string SigningKey { get; set; } = "";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Monthly request quota given to a new account, by plan.</summary>
    public Dictionary<string, int> MonthlyQuotaByPlan { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FREE"] = 10_000,
        ["PRO"] = 100_000,
        ["PREMIUM"] = 1_000_000,
        ["ENTERPRISE"] = 10_000_000,
    };

    /// <summary>Failed logins one client address may make on one account before it waits (API.md "Login protection").</summary>
    public int FreeLoginFailures { get; set; } = 5;

    /// <summary>The first wait, doubled at each further failure from that address, up to <see cref="MaxLoginDelay"/>.</summary>
    public TimeSpan FirstLoginDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxLoginDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>An address's failures on an account are forgotten after this long without one (or at its next right password).</summary>
    public TimeSpan LoginFailureMemory { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Failures on one account from all addresses together beyond which every address waits from its first failure; the count
    /// starts again after <see cref="AccountLoginWindow"/> without a failure.
    /// </summary>
    public int AccountLoginCeiling { get; set; } = 20;

    public TimeSpan AccountLoginWindow { get; set; } = TimeSpan.FromMinutes(15);
}

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

    /// <summary>Failed logins allowed per email, and per client IP, within <see cref="LoginFailureWindow"/> before 429.</summary>
    public int MaxLoginFailuresPerEmail { get; set; } = 5;
    public int MaxLoginFailuresPerIp { get; set; } = 50;
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}

namespace RomApi.Gateway.Identity;

/// <summary>
/// Secrets of the identity feature, from ConnectionStrings:identity-secrets ("SigningKey=...;AdminPassword=...")
/// plus the first admin's email (Identity:Admin:Email). Never logged.
/// </summary>
public sealed class IdentityOptions
{
    public const string SecretsConnectionName = "identity-secrets";

    /// <summary>Signs access tokens and the identity token forwarded to the services.</summary>
    public string SigningKey { get; set; } = "";

    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
}

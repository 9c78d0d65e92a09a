using Microsoft.Extensions.Options;
using System.Security.Claims;
using RomApi.Contracts.Identity;

namespace RomApi.ServiceDefaults.PlatformAuth;

/// <summary>
/// Issues and checks the platform identity token: a short-lived HS256 JWT that the gateway signs for every proxied request
/// (header <see cref="HeaderName"/>) and the services validate. Services never trust identity from anything else.
/// </summary>
public sealed class PlatformTokenService
{
    public const string HeaderName = "X-Platform-Identity";
    public const string Issuer = "romapi-gateway";
    public const string Audience = "romapi-services";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly Hs256Jwt _jwt;
    // The gateway reuses one token per caller for a minute, so most requests bring a token already checked.
    private readonly ValidatedTokenCache<ClaimsIdentity> _validated;

    public PlatformTokenService(IOptions<PlatformAuthOptions> options, TimeProvider time)
    {
        _validated = new ValidatedTokenCache<ClaimsIdentity>(time);
        _jwt = new Hs256Jwt(options.Value.SigningKey, Issuer, Audience, time, ClockSkew, ClockSkew);
    }

    public string Issue(PlatformIdentity identity, TimeSpan? lifetime = null)
    {
        var claims = new List<Claim>();
        Add(claims, PlatformClaims.Subject, identity.UserId?.ToString());
        Add(claims, PlatformClaims.Email, identity.Email);
        Add(claims, PlatformClaims.UserType, identity.UserType);
        Add(claims, PlatformClaims.Plan, identity.Plan);
        Add(claims, PlatformClaims.ApiKeyId, identity.ApiKeyId?.ToString());
        claims.AddRange(identity.Permissions.Select(permission => new Claim(PlatformClaims.Permission, permission)));

        return _jwt.Create(lifetime ?? DefaultLifetime, subject: new ClaimsIdentity(claims));
    }

    /// <summary>The identity in a valid token, or null when the token is forged, tampered, expired or not HS256.</summary>
    public async ValueTask<ClaimsPrincipal?> ValidateAsync(string token)
    {
        if (_validated.Find(token) is { } known)
        {
            return known.Expired ? null : new ClaimsPrincipal(known.Value.Clone());
        }
        var result = await _jwt.ValidateAsync(token);
        if (!result.IsValid)
        {
            return null;
        }
        var validUntil = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero) + ClockSkew;
        _validated.Remember(token, result.ClaimsIdentity, validUntil);
        return new ClaimsPrincipal(result.ClaimsIdentity.Clone());
    }

    private static void Add(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}

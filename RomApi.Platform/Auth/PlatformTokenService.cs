using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace RomApi.Platform.Auth;

/// <summary>
/// Issues and checks the platform identity token: a short-lived HS256 JWT that the gateway signs for every proxied request
/// (header <see cref="HeaderName"/>) and the services validate. Services never trust identity from anything else.
/// </summary>
public sealed class PlatformTokenService
{
    public const string HeaderName = "X-Platform-Identity";
    public static readonly JwtParties Parties = new(Issuer: "romapi-gateway", Audience: "romapi-services");
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly Hs256Jwt _jwt;
    // The gateway reuses one token per caller for a minute, so most requests bring a token already checked: the principal and
    // the identity read from it are kept with it and shared by those requests (nothing in the pipeline changes a principal).
    private readonly ValidatedTokenCache<ValidatedPlatformToken> _validated;

    public PlatformTokenService(IOptions<PlatformAuthOptions> options, TimeProvider time)
    {
        _validated = new ValidatedTokenCache<ValidatedPlatformToken>(time);
        _jwt = new Hs256Jwt(options.Value.SigningKey, Parties, time, ClockSkew, ClockSkew);
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
    public async ValueTask<ClaimsPrincipal?> ValidateAsync(string token) => (await ValidateIdentityAsync(token))?.Principal;

    /// <summary>
    /// The principal and identity of a valid token (the same instances for every request with that token until it expires), or
    /// null when the token is forged, tampered, expired or not HS256.
    /// </summary>
    public async ValueTask<ValidatedPlatformToken?> ValidateIdentityAsync(string token)
    {
        if (_validated.Find(token) is { } known)
        {
            return known.Expired ? null : known.Value;
        }
        var result = await _jwt.ValidateAsync(token);
        if (!result.IsValid)
        {
            return null;
        }
        var validUntil = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero) + ClockSkew;
        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        var validated = new ValidatedPlatformToken(principal, PlatformIdentity.FromPrincipal(principal));
        _validated.Remember(token, validated, validUntil);
        return validated;
    }

    private static void Add(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}

/// <summary>What a valid platform token says: the principal for ASP.NET Core's authentication and the identity the services read.</summary>
public sealed record ValidatedPlatformToken(ClaimsPrincipal Principal, PlatformIdentity Identity);

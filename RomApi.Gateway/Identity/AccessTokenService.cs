using Microsoft.IdentityModel.Tokens;

namespace RomApi.Gateway.Identity;

/// <summary>
/// Short-lived HS256 access tokens for users. They are signed with the same key as the platform identity token but carry a
/// different issuer and audience (<see cref="Parties"/> against <see cref="PlatformTokenService.Parties"/>), so neither
/// kind is accepted where the other is expected: a client cannot hand a service an access token, nor the gateway a platform token.
/// </summary>
public sealed class AccessTokenService
{
    public static readonly JwtParties Parties = new(Issuer: "romapi-identity", Audience: "romapi-api");
    private const string QuotaClaim = "quota";

    private readonly Hs256Jwt _jwt;
    private readonly TimeSpan _lifetime;
    private readonly ValidatedTokenCache<Caller> _validated;

    public AccessTokenService(IOptions<IdentityOptions> options, TimeProvider time)
    {
        _validated = new ValidatedTokenCache<Caller>(time);
        _lifetime = options.Value.AccessTokenLifetime;
        // No grace after expiry (the client refreshes); 5 s before the start for a clock slightly behind the issuing replica's.
        _jwt = new Hs256Jwt(options.Value.SigningKey, Parties, time, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    public TimeSpan Lifetime => _lifetime;

    public string Issue(User user)
    {
        return _jwt.Create(_lifetime, claims: new Dictionary<string, object>
        {
            ["sub"] = user.Id.ToString(),
            ["email"] = user.Email,
            ["user_type"] = WireNames.Of(user.UserType),
            ["plan"] = WireNames.Of(user.Plan),
            [QuotaClaim] = user.ApiQuota,
        });
    }

    /// <summary>The caller in a valid token, else the reason it was refused ("expired_token" or "invalid_token").</summary>
    public async ValueTask<(Caller? Caller, string? FailureReason)> ValidateAsync(string token)
    {
        if (_validated.Find(token) is { } known)
        {
            return known.Expired ? (null, "expired_token") : (known.Value, null);
        }
        var (caller, failure, expiresAt) = await ValidateSignatureAndClaimsAsync(token);
        if (caller is not null)
        {
            _validated.Remember(token, caller, expiresAt);
        }
        return (caller, failure);
    }

    private async Task<(Caller? Caller, string? FailureReason, DateTimeOffset ExpiresAt)> ValidateSignatureAndClaimsAsync(string token)
    {
        var result = await _jwt.ValidateAsync(token);
        if (!result.IsValid)
        {
            return (null, result.Exception is SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException
                ? "expired_token" : "invalid_token", default);
        }
        var claims = result.ClaimsIdentity;
        if (!Guid.TryParse(claims.FindFirst("sub")?.Value, out var userId))
        {
            return (null, "invalid_token", default);
        }
        var expiresAt = new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero);
        return (new Caller(
            userId,
            claims.FindFirst("email")?.Value,
            claims.FindFirst("user_type")?.Value,
            claims.FindFirst("plan")?.Value,
            long.TryParse(claims.FindFirst(QuotaClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var quota) ? quota : 0,
            null, 0, []), null, expiresAt);
    }
}

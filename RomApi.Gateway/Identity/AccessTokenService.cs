using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RomApi.Gateway.Identity.Data;
using RomApi.ServiceDefaults.PlatformAuth;
using System.Globalization;
using System.Security.Claims;
using System.Text;

namespace RomApi.Gateway.Identity;

/// <summary>
/// Short-lived HS256 access tokens for users. They are signed with the same key as the platform identity token but carry a
/// different issuer and audience (<see cref="Issuer"/>/<see cref="Audience"/> against romapi-gateway/romapi-services), so neither
/// kind is accepted where the other is expected: a client cannot hand a service an access token, nor the gateway a platform token.
/// </summary>
public sealed class AccessTokenService
{
    public const string Issuer = "romapi-identity";
    public const string Audience = "romapi-api";
    private const string QuotaClaim = "quota";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ValidatedTokenCache<Caller> _validated;

    public AccessTokenService(IOptions<IdentityOptions> options, TimeProvider time)
    {
        _time = time;
        _validated = new ValidatedTokenCache<Caller>(time);
        _lifetime = options.Value.AccessTokenLifetime;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.Value.SigningKey));
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            // Only HS256: "alg: none" and algorithm-confusion tokens are refused before any claim is read.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.Zero,
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } end && end.ToUniversalTime() > time.GetUtcNow().UtcDateTime &&
                (notBefore is not { } start || start.ToUniversalTime() <= time.GetUtcNow().UtcDateTime.AddSeconds(5)),
        };
    }

    public TimeSpan Lifetime => _lifetime;

    public string Issue(User user)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _lifetime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = user.Id.ToString(),
                ["email"] = user.Email,
                ["user_type"] = user.UserType.ToString().ToUpperInvariant(),
                ["plan"] = user.Plan.ToString().ToUpperInvariant(),
                [QuotaClaim] = user.ApiQuota,
            },
            SigningCredentials = _credentials,
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
        var result = await _handler.ValidateTokenAsync(token, _validation);
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

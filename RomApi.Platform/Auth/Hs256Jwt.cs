using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using System.Security.Claims;
using System.Text;

namespace RomApi.Platform.Auth;

/// <summary>
/// Creates and checks HS256 JWTs of one issuer and audience: the one JWT set-up behind the gateway's access tokens and the
/// platform identity token. Each kind has its own issuer and audience, so neither is accepted where the other is expected.
/// </summary>
public sealed class Hs256Jwt
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };
    private readonly JwtParties _parties;
    private readonly TimeProvider _time;
    private readonly SigningCredentials _credentials;
    private readonly TokenValidationParameters _validation;

    /// <param name="expirySkew">How long after its expiry a token still passes (clocks of two machines disagree).</param>
    /// <param name="notBeforeSkew">How long before its start a token already passes.</param>
    public Hs256Jwt(string signingKey, JwtParties parties, TimeProvider time, TimeSpan expirySkew, TimeSpan notBeforeSkew)
    {
        _parties = parties;
        _time = time;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey));
        _credentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256);
        _validation = new TokenValidationParameters
        {
            ValidIssuer = parties.Issuer,
            ValidAudience = parties.Audience,
            IssuerSigningKey = key,
            // Only HS256: "alg: none" and algorithm-confusion tokens are refused before any claim is read.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = expirySkew,
            // Against the injected clock, so tests can move time.
            LifetimeValidator = (notBefore, expires, _, _) =>
                expires is { } end && end.ToUniversalTime() > time.GetUtcNow().UtcDateTime - expirySkew &&
                (notBefore is not { } start || start.ToUniversalTime() <= time.GetUtcNow().UtcDateTime + notBeforeSkew),
        };
    }

    /// <summary>A token valid from now for <paramref name="lifetime"/>, with the claims of <paramref name="subject"/> and <paramref name="claims"/>.</summary>
    public string Create(TimeSpan lifetime, ClaimsIdentity? subject = null, IDictionary<string, object>? claims = null)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _parties.Issuer,
            Audience = _parties.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = subject,
            Claims = claims,
            SigningCredentials = _credentials,
        });
    }

    public Task<TokenValidationResult> ValidateAsync(string token) => _handler.ValidateTokenAsync(token, _validation);
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using System.Text.Encodings.Web;

namespace RomApi.Platform.Auth;

/// <summary>
/// Authenticates requests from the gateway's identity token. No token: anonymous. A bad token: 401 (never silently anonymous,
/// so a tampered token cannot pass for a public read's caller without anyone noticing).
/// </summary>
public sealed class PlatformAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PlatformTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Platform";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Headers[PlatformTokenService.HeaderName].ToString();
        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }
        if (await tokens.ValidateIdentityAsync(token) is not { } validated)
        {
            return AuthenticateResult.Fail("The platform identity token is not valid.");
        }
        Context.Features.Set(validated.Identity);
        return AuthenticateResult.Success(new AuthenticationTicket(validated.Principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ErrorEnvelopeWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, "Authentication is required.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorEnvelopeWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, ErrorCodes.DefaultMessage(403));
}

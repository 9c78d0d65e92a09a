namespace RomApi.Gateway.Identity;

/// <summary>
/// Finds out who calls /api/v1: a bearer access token, an API key (X-API-Key or apikey), or nobody. Credentials that are present but
/// wrong are refused with 401 here, never downgraded to anonymous.
/// </summary>
public sealed class CallerAuthenticationMiddleware(
    RequestDelegate next, AccessTokenService accessTokens, ApiKeyCache apiKeys, ApiKeyLastUsed lastUsed, TimeProvider time, GatewayMetrics metrics)
{
    public const string ApiKeyHeader = "X-API-Key";
    public const string ApiKeyHeaderAlternative = "apikey";

    // Not async: a known token or key is authenticated without waiting, and the request then goes on without a state machine
    // of this middleware's kept alive around the rest of the pipeline.
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api/v1"))
        {
            return next(context);
        }
        var authentication = AuthenticateAsync(context);
        return authentication.IsCompletedSuccessfully
            ? Continue(context, authentication.Result)
            : ContinueWhenAuthenticatedAsync(context, authentication);
    }

    private async Task ContinueWhenAuthenticatedAsync(HttpContext context, ValueTask<(Caller? Caller, string? Failure)> authentication) =>
        await Continue(context, await authentication);

    private Task Continue(HttpContext context, (Caller? Caller, string? Failure) authentication)
    {
        if (authentication.Failure is { } failure)
        {
            metrics.AuthFailure(failure);
            return ErrorEnvelopeWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, MessageFor(failure));
        }
        context.SetCaller(authentication.Caller!);
        return next(context);
    }

    private async ValueTask<(Caller? Caller, string? Failure)> AuthenticateAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var apiKey = context.Request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } primary
            ? primary
            : context.Request.Headers[ApiKeyHeaderAlternative].ToString();

        if (authorization.Length > 0 && apiKey.Length > 0)
        {
            return (null, "ambiguous_credentials");
        }
        if (authorization.Length > 0)
        {
            if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
            {
                return (null, "malformed_authorization");
            }
            return await accessTokens.ValidateAsync(authorization[7..].Trim());
        }
        if (apiKey.Length > 0)
        {
            return await AuthenticateApiKeyAsync(apiKey, context.RequestAborted);
        }
        return (Caller.Anonymous, null);
    }

    private async ValueTask<(Caller? Caller, string? Failure)> AuthenticateApiKeyAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKeyFormat.PrefixOf(presented) is not { } prefix ||
            await apiKeys.FindAsync(prefix, cancellationToken) is not { } key)
        {
            return (null, "invalid_api_key");
        }
        if (!ApiKeyFormat.SameAsVerified(presented, key.Verified))
        {
            if (!ApiKeyFormat.Matches(presented, key.Hash))
            {
                return (null, "invalid_api_key");
            }
            key.Verified = presented;
        }
        if (!key.IsActive)
        {
            return (null, "revoked_api_key");
        }
        if (key.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            return (null, "expired_api_key");
        }
        lastUsed.Touch(key.Id);
        return (key.Caller, null);
    }

    private static string MessageFor(string failure) => failure switch
    {
        "expired_token" => "The access token has expired; refresh it.",
        "invalid_token" => "The access token is not valid.",
        "malformed_authorization" => "Send 'Authorization: Bearer <accessToken>'.",
        "ambiguous_credentials" => "Send either an access token or an API key, not both.",
        "revoked_api_key" => "The API key has been revoked.",
        "expired_api_key" => "The API key has expired.",
        _ => "The API key is not valid.",
    };
}

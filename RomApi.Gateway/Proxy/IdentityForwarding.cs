using Yarp.ReverseProxy.Transforms;

namespace RomApi.Gateway.Proxy;

/// <summary>
/// What the services learn of the caller: only the platform identity token the gateway signs (whatever identity headers the client
/// sent are gone by then, see <see cref="ClientIdentityStripping"/>).
/// </summary>
public sealed class IdentityForwarding(PlatformTokenService tokens, TimeProvider time)
{
    // Signing is cheap but not free; a token stays valid 2 minutes, so one per caller per minute is reused.
    private static readonly TimeSpan Reuse = TimeSpan.FromMinutes(1);

    public ValueTask ApplyAsync(RequestTransformContext transform)
    {
        var headers = transform.ProxyRequest.Headers;
        var caller = transform.HttpContext.GetCaller();
        if (caller.IsAuthenticated)
        {
            headers.TryAddWithoutValidation(PlatformTokenService.HeaderName, TokenFor(caller));
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>The caller's token, kept with the (cached) caller: an access token's or key's requests share it for a minute.</summary>
    private string TokenFor(Caller caller)
    {
        var now = time.GetUtcNow();
        if (caller.Derived.ForwardedToken is { } forwarded && now < forwarded.RenewAt)
        {
            return forwarded.Token;
        }
        var token = tokens.Issue(caller.Identity);
        caller.Derived.ForwardedToken = (token, now + Reuse);
        return token;
    }
}

namespace RomApi.Platform.Auth;

public static class PlatformIdentityHttpContextExtensions
{
    /// <summary>
    /// The caller as the gateway vouched for it; anonymous when no token came or it did not validate. Built once per request
    /// (by <see cref="PlatformAuthenticationHandler"/>, or here from the principal) and kept as a request feature.
    /// </summary>
    public static PlatformIdentity GetPlatformIdentity(this HttpContext context)
    {
        if (context.Features.Get<PlatformIdentity>() is { } known)
        {
            return known;
        }
        var identity = PlatformIdentity.FromPrincipal(context.User);
        context.Features.Set(identity);
        return identity;
    }
}

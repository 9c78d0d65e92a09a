using Microsoft.Extensions.Caching.Memory;
using RomApi.Gateway.Identity;
using RomApi.ServiceDefaults.PlatformAuth;
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
    private readonly MemoryCache _issued = new(new MemoryCacheOptions { SizeLimit = 100_000 });

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

    private string TokenFor(Caller caller)
    {
        var key = $"{caller.LogId}|{caller.UserType}|{caller.Plan}";
        if (_issued.TryGetValue(key, out string? token) && token is not null)
        {
            return token;
        }
        token = tokens.Issue(caller.Identity);
        _issued.Set(key, token, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = time.GetUtcNow() + Reuse });
        return token;
    }
}

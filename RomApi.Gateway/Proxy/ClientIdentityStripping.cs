namespace RomApi.Gateway.Proxy;

/// <summary>
/// Every identity-looking header a client sent (a forged X-Platform-Identity, X-User-Id, ...) and the client's own credentials
/// are removed before forwarding: the services learn who calls only from the token <see cref="IdentityForwarding"/> signs.
/// </summary>
public static class ClientIdentityStripping
{
    private static readonly string[] StrippedPrefixes =
        ["X-Platform-", "X-User", "X-Auth", "X-Identity", "X-Remote-", "X-Forwarded-User", "X-Forwarded-Email", "X-Api-Key", "X-Email", "X-Roles", "X-Permissions", "Remote-User"];
    private static readonly string[] StrippedHeaders = ["Authorization", "apikey", "Cookie", "Proxy-Authorization"];

    /// <summary>
    /// Removes the client's identity headers from the incoming request before YARP copies it: Kestrel's header dictionary is
    /// cheap to walk, the outgoing HttpHeaders (parsed and locked on every enumeration) are not.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseClientIdentityStripping(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use((context, next) =>
        {
            StripClientIdentity(context.Request.Headers);
            return next(context);
        });
        return proxy;
    }

    public static void StripClientIdentity(IHeaderDictionary headers)
    {
        List<string>? stripped = null;
        foreach (var header in headers)
        {
            if (IsIdentityHeader(header.Key))
            {
                (stripped ??= []).Add(header.Key);
            }
        }
        foreach (var name in stripped ?? [])
        {
            headers.Remove(name);
        }
    }

    private static bool IsIdentityHeader(string name)
    {
        foreach (var header in StrippedHeaders)
        {
            if (name.Equals(header, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        foreach (var prefix in StrippedPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}

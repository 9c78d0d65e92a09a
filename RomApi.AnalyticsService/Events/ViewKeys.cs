using System.Security.Cryptography;
using System.Text;

namespace RomApi.AnalyticsService.Events;

/// <summary>
/// One counted VIEW per client, per resource, per view window (Ingestion:ViewWindow, one hour by default, aligned to UTC hours):
/// the key names that triple; the writer stores the first VIEW of a key and skips the others. The client is the API key with the
/// client's network and user agent when a key is used, else the signed-in user, else the network (IPv4 /24, IPv6 /48, as stored)
/// with the user agent. A VIEW naming none of these (a service event without a client) has no key and counts as sent.
/// </summary>
public static class ViewKeys
{
    public static DateTimeOffset WindowStart(DateTimeOffset time, TimeSpan window)
    {
        var ticks = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / window.Ticks * window.Ticks;
        return DateTimeOffset.UnixEpoch.AddTicks(ticks);
    }

    public static Guid? For(Guid resourceId, Guid? userId, Guid? apiKeyId, NpgsqlInet? network, string? userAgent, DateTimeOffset createdAt, TimeSpan window)
    {
        var client = (apiKeyId, userId, network) switch
        {
            ({ } key, _, _) => $"key:{key:N}|{network}|{userAgent}",
            (null, { } user, _) => $"user:{user:N}",
            (null, null, { } net) => $"net:{net}|{userAgent}",
            _ => null,
        };
        if (client is null)
        {
            return null;
        }
        var text = $"view|{resourceId:N}|{WindowStart(createdAt, window).UtcTicks}|{client}";
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }
}

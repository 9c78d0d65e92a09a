using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace RomApi.AnalyticsService.Events;

/// <summary>The client's network as stored: IPv4 truncated to /24, IPv6 to /48; the full address is never kept.</summary>
public static class ClientNetwork
{
    public const byte Ipv4PrefixLength = 24;
    public const byte Ipv6PrefixLength = 48;

    public static NpgsqlInet? Truncate(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? Ipv4PrefixLength : Ipv6PrefixLength;
        for (var i = prefix / 8; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }
        return new NpgsqlInet(new IPAddress(bytes), prefix);
    }

    public static NpgsqlInet? Parse(string? text) =>
        IPAddress.TryParse(text?.Trim(), out var address) ? Truncate(address) : null;

    /// <summary>
    /// The gateway's X-Forwarded-For when present, else the connection's peer. The right-most entry is the one the nearest
    /// proxy (the gateway) wrote; entries to its left come from the client and could be forged.
    /// </summary>
    public static NpgsqlInet? FromRequest(HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            if (Parse(last) is { } network)
            {
                return network;
            }
        }
        return Truncate(context.Connection.RemoteIpAddress);
    }
}

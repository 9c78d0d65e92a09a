namespace RomApi.Gateway.Limits;

/// <summary>
/// The client address the gateway limits by: the TCP peer. X-Forwarded-For from clients is not trusted (no proxy sits in front of
/// the gateway here); put a trusted proxy in front and configure ForwardedHeaders before relying on anything else.
/// </summary>
public static class ClientIp
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

using RomApi.Gateway.Downstream;
using RomApi.Gateway.Identity;
using RomApi.Gateway.Telemetry;
using RomApi.ServiceDefaults.Errors;
using RomApi.ServiceDefaults.PlatformAuth;

namespace RomApi.Gateway.Proxy;

/// <summary>
/// The gateway's coarse rule before forwarding: anonymous callers read only (plus anonymous analytics events, which API.md allows),
/// an API key needs the permission that the service and method call for. Finer rules (owner, admin) stay with the services.
/// </summary>
public static class RouteAccess
{
    public static IReverseProxyApplicationBuilder UseRouteAccess(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            var caller = context.GetCaller();
            var cluster = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
            var read = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method);
            if (!caller.IsAuthenticated && !read && !IsAnonymousWrite(context.Request))
            {
                context.RequestServices.GetRequiredService<GatewayMetrics>().AuthFailure("anonymous_write");
                await ErrorEnvelopeWriter.WriteAsync(context, 401, ErrorCodes.Unauthorized, "Sign in (access token or API key) to change anything.");
                return;
            }
            if (caller.IsApiKey && RequiredPermission(cluster, read) is { } permission && !caller.Has(permission))
            {
                context.RequestServices.GetRequiredService<GatewayMetrics>().AuthFailure("missing_permission");
                await ErrorEnvelopeWriter.WriteAsync(context, 403, ErrorCodes.Forbidden, $"This API key lacks the permission '{permission}'.");
                return;
            }
            await next();
        });
        return proxy;
    }

    public static string? RequiredPermission(string cluster, bool read) => cluster switch
    {
        DownstreamServices.ResourceService => read ? Permissions.ResourcesRead : Permissions.ResourcesWrite,
        DownstreamServices.SearchService => Permissions.SearchRead,
        DownstreamServices.AnalyticsService => read ? Permissions.AnalyticsRead : Permissions.AnalyticsWrite,
        _ => null,
    };

    private static bool IsAnonymousWrite(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/v1/analytics/events", StringComparison.OrdinalIgnoreCase);
}

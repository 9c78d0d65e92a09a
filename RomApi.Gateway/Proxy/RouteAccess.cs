using RomApi.Contracts.Access;
using RomApi.Platform.Access;

namespace RomApi.Gateway.Proxy;

/// <summary>
/// The gateway applies <see cref="RoutePermissions"/> (the rule every service applies to its public routes too) before forwarding,
/// so a refused request costs no forward; the route's cluster is the service it goes to.
/// </summary>
public static class RouteAccess
{
    public static IReverseProxyApplicationBuilder UseRouteAccess(this IReverseProxyApplicationBuilder proxy)
    {
        var metrics = proxy.ApplicationServices.GetRequiredService<GatewayMetrics>();
        proxy.Use((context, next) =>
        {
            var cluster = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
            if (RoutePermissions.Check(context.GetCaller().Identity, cluster, context.Request.Method, context.Request.Path.Value) is { } denial)
            {
                metrics.AuthFailure(denial.Reason);
                return ErrorEnvelopeWriter.WriteAsync(context, denial.Status, ErrorCodes.ForStatus(denial.Status), denial.Message);
            }
            return next(context);
        });
        return proxy;
    }
}

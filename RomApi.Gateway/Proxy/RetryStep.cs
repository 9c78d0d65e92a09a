using System.Net.Http;
using Yarp.ReverseProxy;

namespace RomApi.Gateway.Proxy;

/// <summary>
/// Retries idempotent, bodiless requests (GET, HEAD, OPTIONS, DELETE) on another replica when the connection to the chosen one failed,
/// and only then: the request never reached that replica, so a retry cannot do anything twice. The failed replica is ejected at once
/// (passive health) for <see cref="ProxyOptions.PassiveReactivationPeriod"/>, so following requests avoid it too.
/// </summary>
public static class RetryStep
{
    public static IReverseProxyApplicationBuilder UseConnectionFailureRetries(this IReverseProxyApplicationBuilder proxy)
    {
        var services = proxy.ApplicationServices;
        var settings = services.GetRequiredService<IOptions<ProxyOptions>>();
        var proxyState = services.GetRequiredService<IProxyStateLookup>();
        var health = services.GetRequiredService<IDestinationHealthUpdater>();
        proxy.Use(async (context, next) =>
        {
            var feature = context.GetReverseProxyFeature();
            var candidates = feature.AvailableDestinations;
            var options = settings.Value;
            for (var attempt = 0; ; attempt++)
            {
                await next(context);
                if (attempt >= options.MaxConnectRetries || !IsIdempotent(context.Request.Method) || HasBody(context.Request) || context.Response.HasStarted ||
                    context.GetForwarderErrorFeature() is not { Error: ForwarderError.Request } failure || !IsConnectFailure(failure.Exception) ||
                    feature.ProxiedDestination is not { } failed)
                {
                    return;
                }
                if (proxyState.TryGetCluster(feature.Cluster.Config.ClusterId, out var cluster))
                {
                    health.SetPassive(cluster, failed, DestinationHealth.Unhealthy, options.PassiveReactivationPeriod);
                }
                candidates = candidates.Where(destination => destination != failed).ToList();
                if (candidates.Count == 0)
                {
                    return;
                }
                feature.AvailableDestinations = candidates;
                context.Features.Set<IForwarderErrorFeature?>(null);
                context.Response.StatusCode = StatusCodes.Status200OK;
            }
        });
        return proxy;
    }

    private static bool IsIdempotent(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsPut(method) || HttpMethods.IsDelete(method);

    // A body may have been partly read by the failed attempt; only bodiless requests are replayed.
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;

    /// <summary>The connection to the replica could not be made (refused, unreachable): the request never reached it.</summary>
    public static bool IsConnectFailure(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } ||
        exception?.InnerException is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError };
}

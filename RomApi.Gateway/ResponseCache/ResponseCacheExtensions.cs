using RomApi.Platform.Analytics;
using RomApi.Platform.Changes;
using Yarp.ReverseProxy.Transforms.Builder;

namespace RomApi.Gateway.ResponseCache;

public static class ResponseCacheExtensions
{
    /// <summary>
    /// The response cache (section "ResponseCache"), its change-feed follower, the transform that takes the services' shared
    /// max-age off every answer, and VIEW counting for the reads it answers. The transform stays when the cache is off: the header
    /// is never for clients.
    /// </summary>
    public static IHostApplicationBuilder AddResponseCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<ResponseCacheOptions>(ResponseCacheOptions.SectionName);
        builder.Services.AddSingleton<ResponseCacheStore>();
        builder.Services.AddSingleton<ResponseCacheStep>();
        builder.Services.AddSingleton<ITransformProvider, SharedAnswerTransform>();
        builder.AddChangeFeedClient(ServiceNames.Gateway);
        builder.Services.AddHostedService<ChangeFeedEviction>();
        builder.AddViewCounting(ServiceNames.Gateway, services => services.GetRequiredService<GatewayMetrics>().ViewDropped);
        return builder;
    }

    /// <summary>The cache's step, just before the forward (after the route's access rule); nothing when the cache is off.</summary>
    public static IReverseProxyApplicationBuilder UseResponseCache(this IReverseProxyApplicationBuilder proxy)
    {
        if (proxy.ApplicationServices.GetRequiredService<IOptions<ResponseCacheOptions>>().Value.Enabled)
        {
            var step = proxy.ApplicationServices.GetRequiredService<ResponseCacheStep>();
            proxy.Use(step.InvokeAsync);
        }
        return proxy;
    }
}

using RomApi.Gateway.ResponseCache;
using RomApi.Platform.RequestIds;
using Yarp.ReverseProxy.Transforms;

namespace RomApi.Gateway.Proxy;

public static class ProxyExtensions
{
    /// <summary>YARP with routes and clusters built from service discovery, the platform identity token, and the request id both ways.</summary>
    public static IHostApplicationBuilder AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<ProxyOptions>(ProxyOptions.SectionName);
        // The services start alongside the gateway: YARP's probes fail, by design, until they are up (the gateway is unready
        // meanwhile). A probe failing once the gateway has been ready is a warning again.
        builder.QuietUntilHealthy("Yarp.ReverseProxy.Health.ActiveHealthCheckMonitor");
        var options = builder.Configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        if (!string.IsNullOrEmpty(options.ReplicaAddressFile))
        {
            // services:{name}:http:{i} as the AppHost keeps them current; over the ones given at start.
            builder.Configuration.AddJsonFile(options.ReplicaAddressFile, optional: true, reloadOnChange: true);
            builder.Services.AddHostedService<ReplicaAddressReload>();
        }
        builder.Services.AddSingleton<CircuitBreakerPerService>();
        builder.Services.AddSingleton<Yarp.ReverseProxy.Health.IActiveHealthCheckPolicy, ProbeHealthPolicy>();
        builder.Services.AddSingleton<Yarp.ReverseProxy.Health.IPassiveHealthCheckPolicy, ServiceFailurePolicy>();
        builder.Services.AddSingleton<IdentityForwarding>();
        builder.Services.AddRequestTimeouts();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(ProxyConfigBuilder.Routes(options), ProxyConfigBuilder.Clusters(builder.Configuration, options))
            .AddTransforms(transforms =>
            {
                var identity = transforms.Services.GetRequiredService<IdentityForwarding>();
                transforms.AddRequestTransform(identity.ApplyAsync);
                // The gateway's id (the client's if sane, else new) is the one every service logs.
                transforms.AddRequestTransform(transform =>
                {
                    transform.ProxyRequest.Headers.Remove(RequestIdMiddleware.HeaderName);
                    transform.ProxyRequest.Headers.TryAddWithoutValidation(RequestIdMiddleware.HeaderName, transform.HttpContext.TraceIdentifier);
                    return ValueTask.CompletedTask;
                });
                // Copying the service's response headers would repeat the id already set by the gateway.
                transforms.AddResponseTransform(transform =>
                {
                    transform.HttpContext.Response.Headers[RequestIdMiddleware.HeaderName] = transform.HttpContext.TraceIdentifier;
                    return ValueTask.CompletedTask;
                });
            });
        return builder;
    }

    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.UseProxyErrorEnvelope();
            proxy.UseRouteAccess();
            proxy.UseClientIdentityStripping();
            proxy.UseResponseCache();
            proxy.UseCircuitBreaker();
            proxy.UseConnectionFailureRetries();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}

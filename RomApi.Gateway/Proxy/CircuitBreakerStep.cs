namespace RomApi.Gateway.Proxy;

/// <summary>The proxy step that refuses a forward while its service's circuit is open and tells the breaker how the forward went.</summary>
public static class CircuitBreakerStep
{
    public static IReverseProxyApplicationBuilder UseCircuitBreaker(this IReverseProxyApplicationBuilder proxy)
    {
        var breakers = proxy.ApplicationServices.GetRequiredService<CircuitBreakerPerService>();
        var metrics = proxy.ApplicationServices.GetRequiredService<GatewayMetrics>();
        proxy.Use(async (context, next) =>
        {
            var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
            var breaker = breakers.For(service);
            if (!breaker.TryPass())
            {
                metrics.ProxyError(service, "circuit_open");
                context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(breaker.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ErrorEnvelopeWriter.WriteAsync(context, 503, ErrorCodes.ServiceUnavailable,
                    $"{service} is failing; the gateway stopped sending it requests for a while. Try again later.");
                return;
            }
            await next(context);
            if (CircuitBreakerPerService.IsNeutral(context))
            {
                breaker.ReleaseTrial();
                return;
            }
            if (CircuitBreakerPerService.IsFailure(context))
            {
                breaker.RecordFailure();
            }
            else
            {
                breaker.RecordSuccess();
            }
        });
        return proxy;
    }
}

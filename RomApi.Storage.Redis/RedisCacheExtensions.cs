using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using RomApi.ServiceDefaults.Health;

namespace RomApi.Storage.Redis;

/// <summary>The shared Redis, on Aspire's StackExchange.Redis client integration.</summary>
public static class RedisCacheExtensions
{
    /// <summary>
    /// One shared <see cref="StackExchange.Redis.IConnectionMultiplexer"/> on the named connection string (Aspire: tracing and
    /// configuration), that does not abort when Redis is slow to come up and is connected by <see cref="RedisWarmup"/>, so
    /// start-up never waits for it; plus the "redis" health check, Degraded (not Unhealthy) when Redis is gone.
    /// </summary>
    public static void AddRedisCache(this IHostApplicationBuilder builder, string connectionName)
    {
        builder.AddRedisClient(connectionName,
            settings => settings.DisableHealthChecks = true,
            options => options.AbortOnConnectFail = false);
        // Aspire hands the multiplexer a logger, and it logs every socket event of an outage as an error; the services log an
        // outage once themselves (and its end), so its own lines would only repeat it.
        builder.Logging.AddFilter("StackExchange.Redis", LogLevel.None);
        builder.Services.AddHostedService<RedisWarmup>();
        builder.Services.AddTransient<RedisWakeUp>();
        // Every service works on without Redis (cache misses, per-replica limits, polling instead of wake-ups), and a 503 /health
        // would make the gateway and the orchestrator take healthy replicas out of rotation.
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded, timeout: DependencyHealth.CheckTimeout);
    }
}

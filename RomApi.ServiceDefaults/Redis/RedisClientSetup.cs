using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RomApi.ServiceDefaults.Configuration;
using RomApi.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

/// <summary>The Redis client integration, named and shaped like Aspire's so that Program.cs reads the same.</summary>
public static class RedisClientSetup
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One shared <see cref="IConnectionMultiplexer"/> on the named connection string, plus the "redis" health check.
    /// It does not abort when Redis is slow to come up and is created by <see cref="RedisWarmup"/>, so start-up never waits for it.
    /// <paramref name="failureStatus"/> is what /health reports without Redis: Degraded for a service that serves without it
    /// (an Unhealthy readiness takes the service out of the gateway's rotation).
    /// </summary>
    public static void AddRedisClient(this IHostApplicationBuilder builder, string connectionName, HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(connectionName);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddHostedService<RedisWarmup>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", failureStatus, timeout: CheckTimeout);
    }
}

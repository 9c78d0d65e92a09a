using RomApi.ResourceService.Infrastructure.Configuration;
using StackExchange.Redis;

namespace RomApi.ResourceService.Infrastructure.Redis;

public static class RedisSetup
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// One shared multiplexer on the named connection string, plus the "redis" health check.
    /// It connects on first use and does not abort when Redis is slow to come up, so start-up never waits for it.
    /// </summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetRequiredConnectionString(connectionName);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
        {
            var options = ConfigurationOptions.Parse(connectionString);
            options.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddHostedService<RedisWarmup>();
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", timeout: CheckTimeout);
        return builder;
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace RomApi.Storage.Redis;

/// <summary>PINGs Redis and reports the round trip; a failure is reported with the registration's failure status.</summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            // A PING would only wait for its timeout; the multiplexer keeps reconnecting in the background.
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is not connected.");
        }
        try
        {
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("Redis answers PING.",
                new Dictionary<string, object> { ["latencyMs"] = Math.Round(latency.TotalMilliseconds, 2) });
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer PING.", exception);
        }
    }
}

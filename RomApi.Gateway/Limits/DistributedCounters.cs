using Microsoft.Extensions.Options;
using RomApi.Gateway.Telemetry;
using StackExchange.Redis;

namespace RomApi.Gateway.Limits;

/// <summary>
/// Checks and counts all of a request's counters in one Redis round trip (one Lua script, atomic), so every gateway replica shares
/// one limit. When Redis does not answer within <see cref="LimitsOptions.RedisTimeout"/>, the replica's own counters decide.
/// </summary>
public sealed partial class DistributedCounters(
    IConnectionMultiplexer redis,
    LocalCounters local,
    IOptions<LimitsOptions> options,
    GatewayMetrics metrics,
    ILogger<DistributedCounters> logger)
{
    // ARGV[1] = 1 to check without counting; then per key: limit, window in ms.
    // Returns {index of the first full counter or 0, count1, pttl1, count2, pttl2, ...}. Nothing is counted when a counter is already full.
    private const string Script = """
        local n = #KEYS
        local out = {0}
        for i = 1, n do
          local count = tonumber(redis.call('GET', KEYS[i]) or '0')
          local ttl = redis.call('PTTL', KEYS[i])
          out[2 * i] = count
          out[2 * i + 1] = ttl
          if out[1] == 0 and count >= tonumber(ARGV[2 * i]) then
            out[1] = i
          end
        end
        if out[1] ~= 0 or ARGV[1] == '1' then
          return out
        end
        for i = 1, n do
          local count = redis.call('INCR', KEYS[i])
          local ttl = redis.call('PTTL', KEYS[i])
          if ttl < 0 then
            ttl = tonumber(ARGV[2 * i + 1])
            redis.call('PEXPIRE', KEYS[i], ttl)
          end
          out[2 * i] = count
          out[2 * i + 1] = ttl
        end
        return out
        """;

    public async ValueTask<CountResult> CountAsync(IReadOnlyList<Counter> counters, bool checkOnly = false)
    {
        if (!redis.IsConnected)
        {
            metrics.LimitFallback();
            return local.Count(counters, checkOnly);
        }
        var keys = new RedisKey[counters.Count];
        var values = new RedisValue[counters.Count * 2 + 1];
        values[0] = checkOnly ? 1 : 0;
        for (var i = 0; i < counters.Count; i++)
        {
            keys[i] = counters[i].Key;
            values[2 * i + 1] = counters[i].Limit;
            values[2 * i + 2] = (long)counters[i].Window.TotalMilliseconds;
        }
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase()
                .ScriptEvaluateAsync(Script, keys, values)
                .WaitAsync(options.Value.RedisTimeout))!;
            var rejected = (int)result[0];
            var counts = new long[counters.Count];
            var resets = new TimeSpan[counters.Count];
            for (var i = 0; i < counters.Count; i++)
            {
                counts[i] = (long)result[2 * i + 1];
                var ttl = (long)result[2 * i + 2];
                resets[i] = ttl > 0 ? TimeSpan.FromMilliseconds(ttl) : counters[i].Window;
            }
            return new CountResult(rejected == 0 ? null : counters[rejected - 1], counts, resets, Distributed: true);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            metrics.LimitFallback();
            LogFallback(logger, exception.GetType().Name);
            return local.Count(counters, checkOnly);
        }
    }

    public async ValueTask ResetAsync(string key)
    {
        local.Reset(key);
        if (!redis.IsConnected)
        {
            return;
        }
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(key).WaitAsync(options.Value.RedisTimeout);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogFallback(logger, exception.GetType().Name);
        }
    }

    /// <summary>The current value of one counter, or null when Redis cannot say.</summary>
    public async ValueTask<long?> ReadAsync(string key)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key).WaitAsync(options.Value.RedisTimeout);
            return value.IsNull ? 0 : (long)value;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer the limit check ({ErrorType}); this replica limits on its own")]
    private static partial void LogFallback(ILogger logger, string errorType);
}

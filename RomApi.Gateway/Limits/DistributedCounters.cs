using Microsoft.Extensions.Options;
using RomApi.Gateway.Telemetry;
using RomApi.ServiceDefaults.Redis;
using StackExchange.Redis;
using System.Collections.Concurrent;

namespace RomApi.Gateway.Limits;

/// <summary>
/// Counters shared by every gateway replica through Redis, cheap on the hot path:
/// <list type="bullet">
/// <item>far from its limit, a hit is counted in this replica's <see cref="CounterMirror"/> and sent to Redis in the background
/// (<see cref="FlushAsync"/>, every <see cref="LimitsOptions.SyncInterval"/>, sooner when hits pile up);</item>
/// <item>within the reserve of its limit, or before Redis has answered for the key in the current window, the request checks and
/// counts in Redis in one round trip (one Lua script, atomic), so the last hits before the limit are exact across replicas.</item>
/// </list>
/// When Redis does not answer within <see cref="LimitsOptions.RedisTimeout"/>, the replica's own counters decide, and keep deciding
/// for <see cref="LimitsOptions.RedisRetryAfterFailure"/> before Redis is asked again.
/// </summary>
public sealed partial class DistributedCounters(
    IConnectionMultiplexer redis,
    LocalCounters fallback,
    IOptions<LimitsOptions> options,
    TimeProvider time,
    GatewayMetrics metrics,
    ILogger<DistributedCounters> logger)
{
    // ARGV[1] = 1 to check without counting this request; then per key: limit, window in ms, hits counted elsewhere to add first.
    // Returns {index of the first full counter or 0, count1, pttl1, count2, pttl2, ...}. This request counts nowhere when a counter
    // is full (the hits added first always count: they were let through already).
    private const string Script = """
        local n = #KEYS
        local out = {0}
        for i = 1, n do
          local limit = tonumber(ARGV[3 * i - 1])
          local window = tonumber(ARGV[3 * i])
          local added = tonumber(ARGV[3 * i + 1])
          local count
          if added > 0 then
            count = redis.call('INCRBY', KEYS[i], added)
          else
            count = tonumber(redis.call('GET', KEYS[i]) or '0')
          end
          local ttl = redis.call('PTTL', KEYS[i])
          if added > 0 and ttl < 0 then
            ttl = window
            redis.call('PEXPIRE', KEYS[i], ttl)
          end
          out[2 * i] = count
          out[2 * i + 1] = ttl
          if out[1] == 0 and count >= limit then
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
            ttl = tonumber(ARGV[3 * i])
            redis.call('PEXPIRE', KEYS[i], ttl)
          end
          out[2 * i] = count
          out[2 * i + 1] = ttl
        end
        return out
        """;

    private const int FlushChunk = 256;
    private readonly ConcurrentDictionary<string, CounterMirror> _mirrors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _flushWanted = new(0, 1);
    private readonly RedisPause _pause = new(time);

    /// <summary>Signalled when a mirror has piled up enough unsent hits that waiting for the next tick would blur the limit.</summary>
    public SemaphoreSlim FlushWanted => _flushWanted;

    public async ValueTask<CountResult> CountAsync(IReadOnlyList<Counter> counters, bool checkOnly = false)
    {
        if (!RedisUsable)
        {
            metrics.LimitFallback();
            return fallback.Count(counters, checkOnly);
        }
        var now = time.GetUtcNow();
        var mirrors = new CounterMirror[counters.Count];
        var counts = new long[counters.Count];
        var resets = new TimeSpan[counters.Count];
        var local = true;
        for (var i = 0; i < counters.Count; i++)
        {
            mirrors[i] = _mirrors.GetOrAdd(counters[i].Key, static (_, window) => new CounterMirror(window), counters[i].Window);
            var (estimate, ends, answered) = mirrors[i].Read(now);
            counts[i] = estimate;
            resets[i] = ends - now;
            local &= answered && counters[i].Limit - estimate > Reserve(counters[i].Limit);
        }
        if (!local)
        {
            return await CountInRedisAsync(counters, mirrors, checkOnly, now);
        }
        if (!checkOnly)
        {
            for (var i = 0; i < counters.Count; i++)
            {
                counts[i]++;
                if (mirrors[i].Hit(now) >= Reserve(counters[i].Limit) / 4)
                {
                    WantFlush();
                }
            }
        }
        return new CountResult(null, counts, resets, Distributed: true);
    }

    /// <summary>Sends every mirror's unsent hits to Redis (one script per chunk of keys) and drops mirrors long idle.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var batch = new List<(string Key, CounterMirror Mirror, long Sent)>();
        foreach (var (key, mirror) in _mirrors)
        {
            if (mirror.IsIdle(now))
            {
                _mirrors.TryRemove(new KeyValuePair<string, CounterMirror>(key, mirror));
            }
            else if (mirror.Pending > 0)
            {
                batch.Add((key, mirror, mirror.TakePending()));
            }
        }
        if (batch.Count == 0 || !RedisUsable)
        {
            batch.ForEach(entry => entry.Mirror.Restore(entry.Sent));
            return;
        }
        foreach (var chunk in batch.Chunk(FlushChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keys = new RedisKey[chunk.Length];
            var values = new RedisValue[chunk.Length * 3 + 1];
            values[0] = 1;
            for (var i = 0; i < chunk.Length; i++)
            {
                keys[i] = chunk[i].Key;
                values[3 * i + 1] = long.MaxValue;
                values[3 * i + 2] = (long)chunk[i].Mirror.Window.TotalMilliseconds;
                values[3 * i + 3] = chunk[i].Sent;
            }
            try
            {
                var answer = await EvaluateAsync(keys, values);
                var answeredAt = time.GetUtcNow();
                for (var i = 0; i < chunk.Length; i++)
                {
                    var (count, resetsIn) = Read(answer, i, chunk[i].Mirror.Window);
                    chunk[i].Mirror.Settle(chunk[i].Sent, count, resetsIn, answeredAt);
                }
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                BackOff();
                LogFallback(logger, exception.GetType().Name);
                foreach (var entry in chunk)
                {
                    entry.Mirror.Restore(entry.Sent);
                }
            }
        }
    }

    public async ValueTask ResetAsync(string key)
    {
        fallback.Reset(key);
        _mirrors.TryRemove(key, out _);
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

    /// <summary>The current value of one counter (hits still on this replica included), or null when Redis cannot say.</summary>
    public async ValueTask<long?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            await FlushAsync(cancellationToken);
            var value = await redis.GetDatabase().StringGetAsync(key).WaitAsync(options.Value.RedisTimeout, cancellationToken);
            return value.IsNull ? 0 : (long)value;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>How close to its limit a counter is checked in Redis on every hit.</summary>
    public long Reserve(long limit)
    {
        var settings = options.Value;
        return Math.Max(settings.ExactWithin, (long)(limit * settings.ExactWithinFraction));
    }

    private async ValueTask<CountResult> CountInRedisAsync(
        IReadOnlyList<Counter> counters, CounterMirror[] mirrors, bool checkOnly, DateTimeOffset now)
    {
        var keys = new RedisKey[counters.Count];
        var values = new RedisValue[counters.Count * 3 + 1];
        var sent = new long[counters.Count];
        values[0] = checkOnly ? 1 : 0;
        for (var i = 0; i < counters.Count; i++)
        {
            sent[i] = mirrors[i].TakePending();
            keys[i] = counters[i].Key;
            values[3 * i + 1] = counters[i].Limit;
            values[3 * i + 2] = (long)counters[i].Window.TotalMilliseconds;
            values[3 * i + 3] = sent[i];
        }
        try
        {
            var answer = await EvaluateAsync(keys, values);
            var answeredAt = time.GetUtcNow();
            var counts = new long[counters.Count];
            var resets = new TimeSpan[counters.Count];
            for (var i = 0; i < counters.Count; i++)
            {
                (counts[i], resets[i]) = Read(answer, i, counters[i].Window);
                mirrors[i].Settle(sent[i], counts[i], resets[i], answeredAt);
            }
            var rejected = (int)answer[0];
            return new CountResult(rejected == 0 ? null : counters[rejected - 1], counts, resets, Distributed: true);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            for (var i = 0; i < counters.Count; i++)
            {
                mirrors[i].Restore(sent[i]);
            }
            BackOff();
            metrics.LimitFallback();
            LogFallback(logger, exception.GetType().Name);
            return fallback.Count(counters, checkOnly);
        }
    }

    private bool RedisUsable => redis.IsConnected && !_pause.Active;

    private void BackOff() => _pause.Begin(options.Value.RedisRetryAfterFailure);

    private async Task<RedisResult[]> EvaluateAsync(RedisKey[] keys, RedisValue[] values) =>
        (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, keys, values).WaitAsync(options.Value.RedisTimeout))!;

    private static (long Count, TimeSpan ResetsIn) Read(RedisResult[] answer, int index, TimeSpan window)
    {
        var ttl = (long)answer[2 * index + 2];
        return ((long)answer[2 * index + 1], ttl > 0 ? TimeSpan.FromMilliseconds(ttl) : window);
    }

    private void WantFlush()
    {
        if (_flushWanted.CurrentCount == 0)
        {
            try
            {
                _flushWanted.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request asked first; one flush serves both.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer the limit check ({ErrorType}); this replica limits on its own")]
    private static partial void LogFallback(ILogger logger, string errorType);
}

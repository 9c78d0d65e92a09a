using RomApi.Storage.Redis;
using StackExchange.Redis;

namespace RomApi.Gateway.Limits;

/// <summary>
/// Counters shared by every gateway replica through Redis, cheap on the hot path:
/// <list type="bullet">
/// <item>far from its limit, a hit is counted in this replica's <see cref="CounterMirror"/> and sent to Redis in the background
/// (<see cref="FlushAsync"/>, every <see cref="LimitsOptions.SyncInterval"/>, sooner when hits pile up);</item>
/// <item>within the reserve of its limit, widened by the hits the other replicas may have counted since Redis last answered (the
/// shared count's growth beyond this replica's own hits: a count others push fast goes to Redis sooner), or before Redis has
/// answered for the key in the current window or for <see cref="LimitsOptions.MaxViewAge"/>, the request checks and counts in
/// Redis in one round trip (one Lua script, atomic), so the last hits before the limit are exact across replicas.</item>
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
    private const int FlushChunk = 256;
    private readonly ConcurrentDictionary<string, CounterMirror> _mirrors = new(StringComparer.Ordinal);
    private readonly RedisPause _pause = new(time);

    /// <summary>Raised when a mirror has piled up enough unsent hits that waiting for the next tick would blur the limit.</summary>
    public FlushSignal FlushWanted { get; } = new();

    public async ValueTask<CountResult> CountAsync(IReadOnlyList<Counter> counters, bool checkOnly = false)
    {
        if (!RedisUsable)
        {
            metrics.LimitFallback();
            return fallback.Count(counters, checkOnly, LastKnown);
        }
        var now = time.GetUtcNow();
        var mirrors = new CounterMirror[counters.Count];
        var counts = new long[counters.Count];
        var resets = new TimeSpan[counters.Count];
        var local = true;
        var settings = options.Value;
        for (var i = 0; i < counters.Count; i++)
        {
            mirrors[i] = _mirrors.GetOrAdd(counters[i].Key,
                static (_, state) => new CounterMirror(state.Window, state.Settings.SyncInterval, state.Settings.MaxViewAge), (counters[i].Window, Settings: settings));
            var view = mirrors[i].Read(now);
            counts[i] = view.Estimate;
            resets[i] = view.Ends - now;
            local &= view.Recent && counters[i].Limit - view.Estimate > Reserve(counters[i].Limit) + view.Unseen;
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
                    FlushWanted.Raise();
                }
            }
        }
        return new CountResult(null, counts, resets, Distributed: true);
    }

    /// <summary>Sends every mirror's unsent hits to Redis (one script per chunk of keys) and drops mirrors long idle.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var batch = TakeUnsent(time.GetUtcNow());
        if (batch.Count == 0 || !RedisUsable)
        {
            batch.ForEach(entry => entry.Mirror.Restore(entry.Sent));
            return;
        }
        foreach (var chunk in batch.Chunk(FlushChunk))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await SendAsync(chunk);
        }
    }

    /// <summary>Takes every mirror's unsent hits, and forgets the mirrors long idle.</summary>
    private List<(string Key, CounterMirror Mirror, long Sent)> TakeUnsent(DateTimeOffset now)
    {
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
        return batch;
    }

    /// <summary>Adds the hits to their Redis counters without checking a limit; on failure they stay unsent, for the next round.</summary>
    private async Task SendAsync((string Key, CounterMirror Mirror, long Sent)[] chunk)
    {
        var script = new CounterScript(chunk.Length, checkOnly: true);
        for (var i = 0; i < chunk.Length; i++)
        {
            script.Set(i, chunk[i].Key, long.MaxValue, chunk[i].Mirror.Window, chunk[i].Sent);
        }
        try
        {
            var answer = await script.EvaluateAsync(redis, options.Value.RedisTimeout);
            var answeredAt = time.GetUtcNow();
            for (var i = 0; i < chunk.Length; i++)
            {
                var (count, resetsIn) = CounterScript.Read(answer, i, chunk[i].Mirror.Window);
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
    private long Reserve(long limit)
    {
        var settings = options.Value;
        return Math.Max(settings.ExactWithin, (long)(limit * settings.ExactWithinFraction));
    }

    private async ValueTask<CountResult> CountInRedisAsync(
        IReadOnlyList<Counter> counters, CounterMirror[] mirrors, bool checkOnly, DateTimeOffset now)
    {
        var script = new CounterScript(counters.Count, checkOnly);
        var sent = new long[counters.Count];
        for (var i = 0; i < counters.Count; i++)
        {
            sent[i] = mirrors[i].TakePending();
            script.Set(i, counters[i].Key, counters[i].Limit, counters[i].Window, sent[i]);
        }
        try
        {
            var answer = await script.EvaluateAsync(redis, options.Value.RedisTimeout);
            var answeredAt = time.GetUtcNow();
            var counts = new long[counters.Count];
            var resets = new TimeSpan[counters.Count];
            var rejected = CounterScript.Rejected(answer);
            for (var i = 0; i < counters.Count; i++)
            {
                (counts[i], resets[i]) = CounterScript.Read(answer, i, counters[i].Window);
                mirrors[i].Settle(sent[i], counts[i], resets[i], answeredAt, countedThisRequest: rejected == 0 && !checkOnly);
            }
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
            return fallback.Count(counters, checkOnly, LastKnown);
        }
    }

    /// <summary>What this replica last knew of a counter from Redis (plus its own hits since), for the fallback to start from.</summary>
    private (long Count, DateTimeOffset Ends)? LastKnown(Counter counter) =>
        _mirrors.TryGetValue(counter.Key, out var mirror) && mirror.Read(time.GetUtcNow()) is { Answered: true } known
            ? (known.Estimate, known.Ends)
            : null;

    private bool RedisUsable => redis.IsConnected && !_pause.Active;

    private void BackOff() => _pause.Begin(options.Value.RedisRetryAfterFailure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer the limit check ({ErrorType}); this replica limits on its own")]
    private static partial void LogFallback(ILogger logger, string errorType);
}

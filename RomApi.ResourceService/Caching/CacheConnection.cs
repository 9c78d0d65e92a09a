using RomApi.Storage.Redis;
using StackExchange.Redis;

namespace RomApi.ResourceService.Caching;

/// <summary>
/// Redis as an optional speed-up: every cache call goes through here; when Redis is down, failing or slower than
/// <see cref="CacheOptions.OperationTimeout"/> the caller gets the fallback (and goes to the database), Redis is left alone for
/// <see cref="CacheOptions.RetryAfterFailure"/>, and the outage is logged once rather than per request.
/// </summary>
public sealed partial class CacheConnection(
    IConnectionMultiplexer redis, IOptions<CacheOptions> options, TimeProvider time, ILogger<CacheConnection> logger)
{
    private readonly RedisPause _pause = new(time);
    private int _down;

    public async Task<T> TryAsync<T>(Func<IDatabase, Task<T>> operation, T fallback)
    {
        if (!redis.IsConnected)
        {
            MarkDown("not connected");
            return fallback;
        }
        if (_pause.Active)
        {
            return fallback;
        }
        try
        {
            var result = await operation(redis.GetDatabase()).WaitAsync(options.Value.OperationTimeout, time);
            if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
            {
                LogRecovered(logger);
            }
            return result;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _pause.Begin(options.Value.RetryAfterFailure);
            MarkDown(exception.GetType().Name);
            return fallback;
        }
    }

    /// <summary>Runs a cache update; false when it could not (Redis down or failing).</summary>
    public Task<bool> TryAsync(Func<IDatabase, Task> operation) =>
        TryAsync(async database =>
        {
            await operation(database);
            return true;
        }, false);

    public async Task PublishAsync(string channel, string message)
    {
        if (redis.IsConnected)
        {
            await TryAsync(_ => redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), message));
        }
    }

    private void MarkDown(string reason)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            LogDown(logger, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cache unavailable ({Reason}); serving from the database until it is back")]
    private static partial void LogDown(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis cache available again")]
    private static partial void LogRecovered(ILogger logger);
}

using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RomApi.Storage.Redis;

/// <summary>
/// A follower's wake-up from a Redis channel: a message wakes its loop at once, and a wait ends anyway after the poll interval,
/// so a lost message (or Redis away) costs one poll. One pending wake-up is enough: the follower's pass reads everything new.
/// Each follower has its own (transient).
/// </summary>
public sealed partial class RedisWakeUp(IConnectionMultiplexer redis, ILogger<RedisWakeUp> logger) : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Listens on <paramref name="channel"/>; <paramref name="received"/> sees each message before the wake-up.</summary>
    public async Task SubscribeAsync(string channel, Action<RedisValue>? received = null)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(channel), (_, message) =>
            {
                received?.Invoke(message);
                Wake();
            });
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Polling still follows; the multiplexer resubscribes when Redis comes back.
            LogPollingOnly(logger, channel, exception.GetType().Name);
        }
    }

    /// <summary>Until a message arrives or <paramref name="pollInterval"/> passes.</summary>
    public Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken) => _signal.WaitAsync(pollInterval, cancellationToken);

    private void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another message got there first.
            }
        }
    }

    public void Dispose() => _signal.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot subscribe to Redis channel {Channel} ({ErrorType}); polling only")]
    private static partial void LogPollingOnly(ILogger logger, string channel, string errorType);
}

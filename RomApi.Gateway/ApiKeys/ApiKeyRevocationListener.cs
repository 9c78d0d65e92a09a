using StackExchange.Redis;

namespace RomApi.Gateway.ApiKeys;

/// <summary>Drops revoked keys from this replica's cache as soon as any replica announces them.</summary>
public sealed partial class ApiKeyRevocationListener(IConnectionMultiplexer redis, ApiKeyCache cache, ILogger<ApiKeyRevocationListener> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Messages published while this replica was cut off are lost: forget everything cached instead.
        redis.ConnectionRestored += (_, _) => cache.Clear();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(ApiKeyCache.RevocationChannel, (_, prefix) => cache.Invalidate(prefix.ToString()));
                LogSubscribed(logger);
                return;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogRetry(logger, exception.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for API key revocations")]
    private static partial void LogSubscribed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot subscribe to API key revocations yet ({ErrorType}); retrying")]
    private static partial void LogRetry(ILogger logger, string errorType);
}

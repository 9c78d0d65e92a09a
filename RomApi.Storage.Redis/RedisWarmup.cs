using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace RomApi.Storage.Redis;

/// <summary>
/// Creates the multiplexer in the background at start-up: its first connect blocks up to the connect timeout
/// when Redis is slow, and that wait belongs here rather than in the first request or health probe.
/// </summary>
public sealed partial class RedisWarmup(IServiceProvider services, ILogger<RedisWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var redis = await Task.Run(services.GetRequiredService<IConnectionMultiplexer>, stoppingToken);
        if (redis.IsConnected)
        {
            LogConnected(logger);
        }
        else
        {
            LogNotYetConnected(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Redis")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is not reachable yet; the connection keeps retrying in the background")]
    private static partial void LogNotYetConnected(ILogger logger);
}

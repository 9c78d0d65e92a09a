using Microsoft.EntityFrameworkCore;
using RomApi.Gateway.Identity.Data;
using System.Collections.Concurrent;

namespace RomApi.Gateway.ApiKeys;

/// <summary>Notes when keys are used and writes lastUsedAt in the background, at most once per key per flush, off the request path.</summary>
public sealed partial class ApiKeyLastUsed(IServiceScopeFactory scopes, TimeProvider time, ILogger<ApiKeyLastUsed> logger) : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _pending = new();

    public void Touch(Guid keyId) => _pending[keyId] = time.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var keyId in _pending.Keys)
            {
                if (!_pending.TryRemove(keyId, out var usedAt))
                {
                    continue;
                }
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
                    await db.ApiKeys.Where(k => k.Id == keyId)
                        .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, usedAt), stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFlushFailed(logger, keyId, exception.GetType().Name);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of API key {KeyId} ({ErrorType})")]
    private static partial void LogFlushFailed(ILogger logger, Guid keyId, string errorType);
}

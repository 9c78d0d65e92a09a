namespace RomApi.Gateway.ApiKeys;

/// <summary>Notes when keys are used and writes lastUsedAt in the background, at most once per key per flush, off the request path.</summary>
public sealed partial class ApiKeyLastUsed(IServiceScopeFactory scopes, TimeProvider time, ILogger<ApiKeyLastUsed> logger) : BackgroundService
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(10);
    // The time is kept in a box per key and overwritten in place: storing a new DateTimeOffset in the dictionary on every request
    // would allocate a node each time (values wider than a word are never written in place).
    private readonly ConcurrentDictionary<Guid, StrongBox<long>> _pending = new();

    public void Touch(Guid keyId)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (_pending.TryGetValue(keyId, out var box))
        {
            Volatile.Write(ref box.Value, now);
        }
        else
        {
            _pending[keyId] = new StrongBox<long>(now);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var keyId in _pending.Keys)
            {
                if (!_pending.TryRemove(keyId, out var box))
                {
                    continue;
                }
                var usedAt = new DateTimeOffset(Volatile.Read(ref box.Value), TimeSpan.Zero);
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

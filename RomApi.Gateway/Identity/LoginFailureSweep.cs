namespace RomApi.Gateway.Identity;

/// <summary>Deletes failed-login counts nobody remembers any more (quiet for <see cref="IdentityOptions.LoginFailureMemory"/>), hourly.</summary>
public sealed partial class LoginFailureSweep(
    IServiceScopeFactory scopes, IOptions<IdentityOptions> options, TimeProvider time, ILogger<LoginFailureSweep> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
                var before = time.GetUtcNow() - options.Value.LoginFailureMemory;
                await db.LoginFailures.Where(f => f.LastFailureAt < before).ExecuteDeleteAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogSweepFailed(logger, exception.GetType().Name, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete old failed-login counts: {ErrorType}: {ErrorMessage}")]
    private static partial void LogSweepFailed(ILogger logger, string errorType, string errorMessage);
}

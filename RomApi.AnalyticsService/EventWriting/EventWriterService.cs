namespace RomApi.AnalyticsService.EventWriting;

/// <summary>
/// Drains the buffer into the database with <see cref="IngestionOptions.Writers"/> concurrent writers, several requests per
/// transaction (a batch that is not full waits up to <see cref="IngestionOptions.MaxBatchDelay"/> for more). A failed write is
/// retried (nothing accepted is dropped while the database is away), except an event the database refuses for its data, which is
/// isolated, logged and counted (see <see cref="UnstorableEvents"/>); on shutdown the buffer is closed and flushed at once.
/// </summary>
public sealed partial class EventWriterService(
    EventBuffer buffer,
    EventBatchWriter writer,
    AnalyticsServiceMetrics metrics,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<EventWriterService> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var drainTimeout = new CancellationTokenSource();
        // Until shutdown the writers wait for work; from then on they flush what is left, for at most the drain timeout.
        using var onStop = stoppingToken.Register(() =>
        {
            buffer.Close();
            drainTimeout.CancelAfter(settings.ShutdownDrainTimeout);
        });
        var writers = Enumerable.Range(0, Math.Max(1, settings.Writers))
            .Select(_ => Task.Run(() => RunWriterAsync(settings.MaxWriteBatch, settings.MaxBatchDelay, drainTimeout.Token), CancellationToken.None));
        await Task.WhenAll(writers);

        if (buffer.Depth > 0)
        {
            LogLostOnShutdown(logger, buffer.Depth);
            metrics.EventsLost(buffer.Depth, "shutdown");
        }
    }

    private async Task RunWriterAsync(int maxBatch, TimeSpan maxDelay, CancellationToken drainToken)
    {
        var batch = new List<PendingEvent>(maxBatch);
        try
        {
            while (await buffer.Reader.WaitToReadAsync(drainToken))
            {
                batch.Clear();
                TakeAvailable(batch, maxBatch);
                if (batch.Count > 0 && batch.Count < maxBatch && maxDelay > TimeSpan.Zero)
                {
                    await WaitForMoreAsync(batch, maxBatch, maxDelay, drainToken);
                }
                if (batch.Count > 0)
                {
                    await UnstorableEvents.WriteIsolatingAsync(batch, part => WriteWithRetryAsync(part, drainToken), (refused, exception) =>
                    {
                        LogUnstorable(logger, refused.Id, exception.SqlState, exception.MessageText);
                        metrics.EventsLost(1, "unstorable");
                        buffer.MarkDone(1);
                    });
                }
            }
        }
        catch (OperationCanceledException) when (drainToken.IsCancellationRequested)
        {
            // Drain timeout on shutdown: what is left is counted by ExecuteAsync.
        }
    }

    private void TakeAvailable(List<PendingEvent> batch, int maxBatch)
    {
        while (batch.Count < maxBatch && buffer.Reader.TryRead(out var request))
        {
            batch.AddRange(request);
        }
    }

    /// <summary>Adds what arrives within <paramref name="maxDelay"/> until the batch is full; the buffer closing (shutdown) ends the wait.</summary>
    private async Task WaitForMoreAsync(List<PendingEvent> batch, int maxBatch, TimeSpan maxDelay, CancellationToken drainToken)
    {
        using var delay = new CancellationTokenSource(maxDelay, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(delay.Token, drainToken);
        try
        {
            while (batch.Count < maxBatch && await buffer.Reader.WaitToReadAsync(wait.Token))
            {
                TakeAvailable(batch, maxBatch);
            }
        }
        catch (OperationCanceledException) when (delay.IsCancellationRequested && !drainToken.IsCancellationRequested)
        {
            // The delay is over: write what there is.
        }
    }

    private async Task WriteWithRetryAsync(List<PendingEvent> batch, CancellationToken drainToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            var started = time.GetTimestamp();
            try
            {
                var outcome = await writer.WriteAsync(batch, drainToken);
                metrics.BatchWritten(batch, outcome, time.GetElapsedTime(started));
                buffer.MarkDone(batch.Count);
                return;
            }
            catch (Exception exception) when (!drainToken.IsCancellationRequested && !UnstorableEvents.Is(exception))
            {
                metrics.WriteFailed();
                LogWriteFailed(logger, batch.Count, attempt, delay.TotalSeconds, exception.GetType().Name, exception.Message);
                await Task.Delay(delay, time, drainToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} events failed (attempt {Attempt}); retrying in {DelaySeconds} s: {ErrorType}: {ErrorMessage}")]
    private static partial void LogWriteFailed(ILogger logger, int count, int attempt, double delaySeconds, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event {EventId} was refused by the database ({SqlState}: {Reason}) and is not stored; the rest of its batch is")]
    private static partial void LogUnstorable(ILogger logger, Guid eventId, string sqlState, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shutdown drain timed out: {Count} accepted events were not written")]
    private static partial void LogLostOnShutdown(ILogger logger, long count);
}

using RomApi.Contracts.Analytics;
using ApiUsageEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.ApiUsageMetadata>;
using System.Net.Http.Json;

namespace RomApi.Gateway.UsageEvents;

/// <summary>
/// Folds buffered requests into usage events (<see cref="UsageFold"/>) and sends them to analytics in batches, once per
/// <see cref="UsageOptions.MaxBatchDelay"/> or once a batch is full (the buffer is looked at every 50 ms). A batch that fails is kept and retried with growing
/// pauses while new requests go on being folded, so an analytics outage costs one event per caller, route and minute, up to
/// <see cref="UsageOptions.BufferCapacity"/> events, and loses nothing below that. What is left at shutdown gets one last try.
/// </summary>
public sealed partial class UsageSender(
    UsageBuffer buffer, IHttpClientFactory httpClientFactory, PlatformTokenService tokens, IOptions<UsageOptions> options,
    GatewayMetrics metrics, TimeProvider time, ILogger<UsageSender> logger) : BackgroundService
{
    public const string HttpClientName = "analytics-ingest";
    private static readonly TimeSpan ShutdownFlushTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DrainInterval = TimeSpan.FromMilliseconds(50);

    private readonly UsageFold _fold = new();
    private List<ApiUsageEvent> _sending = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            while (await buffer.Reader.WaitToReadAsync(stoppingToken))
            {
                await FoldForAsync(settings.MaxBatchDelay, settings.MaxBatchSize, stoppingToken);
                _sending = _fold.Take(settings.MaxBatchSize);
                var delay = TimeSpan.FromMilliseconds(500);
                for (var attempt = 1; !await TrySendAsync(_sending, attempt, stoppingToken); attempt++)
                {
                    await FoldForAsync(delay, settings.BufferCapacity, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxRetryDelay.Ticks));
                }
                _sending = [];
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAtShutdownAsync();
        }
    }

    /// <summary>
    /// Folds buffered requests for <paramref name="window"/>, or until the fold holds <paramref name="enough"/> events. The buffer is
    /// looked at every <see cref="DrainInterval"/> rather than waited on: waiting would wake this loop (a thread-pool dispatch) for
    /// nearly every request a busy gateway serves.
    /// </summary>
    private async Task FoldForAsync(TimeSpan window, int enough, CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            while (_fold.Count < enough && buffer.Reader.TryRead(out var request))
            {
                FoldOne(request);
            }
            var left = window - time.GetElapsedTime(started);
            if (_fold.Count >= enough || left <= TimeSpan.Zero)
            {
                return;
            }
            await Task.Delay(left < DrainInterval ? left : DrainInterval, time, stoppingToken);
        }
    }

    private void FoldOne(in ApiRequestRecord request)
    {
        if (!_fold.TryAdd(request, options.Value.BufferCapacity))
        {
            metrics.UsageDropped(1);
        }
    }

    private async Task FlushAtShutdownAsync()
    {
        while (buffer.Reader.TryRead(out var request))
        {
            FoldOne(request);
        }
        using var timeout = new CancellationTokenSource(ShutdownFlushTimeout);
        try
        {
            while (_sending.Count > 0 || _fold.Count > 0)
            {
                if (_sending.Count == 0)
                {
                    _sending = _fold.Take(options.Value.MaxBatchSize);
                }
                if (!await TrySendAsync(_sending, attempt: 1, timeout.Token))
                {
                    break;
                }
                _sending = [];
            }
        }
        catch (OperationCanceledException)
        {
            // Out of time: what is left is reported below.
        }
        if (_sending.Count + _fold.Count > 0)
        {
            LogLostAtShutdown(logger, _sending.Count + _fold.Count);
        }
    }

    /// <summary>True when analytics took the batch, or refused it for good (retrying cannot help).</summary>
    private async Task<bool> TrySendAsync(List<ApiUsageEvent> batch, int attempt, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return true;
        }
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(ServiceNames.DiscoveryAddress(ServiceNames.AnalyticsService), AnalyticsIngestion.Path))
            {
                Content = JsonContent.Create(new EventBatch<ApiUsageEvent>(batch), options: System.Text.Json.JsonSerializerOptions.Web),
            };
            request.Headers.Add(PlatformTokenService.HeaderName, tokens.Issue(PlatformIdentity.Service(ServiceNames.Gateway)));
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }
            LogRejected(logger, batch.Count, (int)response.StatusCode, attempt);
            return (int)response.StatusCode is >= 400 and < 500 and not 408 and not 429;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            LogUnreachable(logger, batch.Count, attempt, exception.GetType().Name);
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics answered {Status} to {Count} usage events (attempt {Attempt})")]
    private static partial void LogRejected(ILogger logger, int count, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics is unreachable; {Count} usage events wait (attempt {Attempt}, {ErrorType})")]
    private static partial void LogUnreachable(ILogger logger, int count, int attempt, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} usage events could not reach analytics before shutdown")]
    private static partial void LogLostAtShutdown(ILogger logger, int count);
}

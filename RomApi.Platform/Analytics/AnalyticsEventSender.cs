using RomApi.Contracts.Analytics;
using RomApi.Platform.Auth;
using System.Net.Http.Json;
using System.Threading.Channels;

namespace RomApi.Platform.Analytics;

/// <summary>How a service batches the events it sends to analytics.</summary>
public sealed record AnalyticsBatching(int BatchSize, TimeSpan FlushInterval);

/// <summary>
/// Sends a service's queued events to the analytics service's <see cref="AnalyticsIngestion.Path"/> in batches, off the request path, with a
/// service token. When analytics is down it logs once per outage and drops the batch; no request ever fails for it.
/// </summary>
public abstract class AnalyticsEventSender<TEvent>(
    ChannelReader<TEvent> reader,
    AnalyticsBatching batching,
    string serviceName,
    string eventKind,
    IHttpClientFactory clients,
    PlatformTokenService tokens,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    /// <summary>The named HttpClient (base address: the analytics service) every sender uses.</summary>
    public const string HttpClientName = "analytics";

    private static readonly TimeSpan ShutdownFlushTimeout = TimeSpan.FromSeconds(3);

    private bool _failing;

    /// <summary>What goes out for the events queued in one pause; a sender may fold alike events into one. The default sends them all.</summary>
    protected virtual IReadOnlyList<TEvent> Prepare(List<TEvent> queued) => queued;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                // A short pause lets a burst of events share one request.
                await Task.Delay(batching.FlushInterval, time, stoppingToken);
                await SendQueuedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued gets one last, short chance.
            using var lastChance = new CancellationTokenSource(ShutdownFlushTimeout);
            await SendQueuedAsync(lastChance.Token);
        }
    }

    /// <summary>Everything queued, in batches: one batch per pause would cap a sender at BatchSize events a second and drop the rest.</summary>
    private async Task SendQueuedAsync(CancellationToken cancellationToken)
    {
        var queued = new List<TEvent>();
        while (reader.TryRead(out var next))
        {
            queued.Add(next);
        }
        foreach (var batch in Prepare(queued).Chunk(batching.BatchSize))
        {
            await SendAsync(batch, cancellationToken);
        }
    }

    private async Task SendAsync(IReadOnlyList<TEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, AnalyticsIngestion.Path) { Content = JsonContent.Create(new EventBatch<TEvent>(batch)) };
            request.Headers.Add(PlatformTokenService.HeaderName, tokens.Issue(PlatformIdentity.Service(serviceName)));
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                if (_failing)
                {
                    _failing = false;
                    AnalyticsEventSenderLog.Recovered(logger, eventKind);
                }
                return;
            }
            Failed($"HTTP {(int)response.StatusCode}", batch.Count);
        }
        catch (Exception exception)
        {
            Failed(cancellationToken.IsCancellationRequested ? "shutting down" : exception.GetType().Name, batch.Count);
        }
    }

    private void Failed(string reason, int dropped)
    {
        if (!_failing)
        {
            _failing = true;
            AnalyticsEventSenderLog.Failing(logger, eventKind, reason, dropped);
        }
    }
}

internal static partial class AnalyticsEventSenderLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics does not take {Kind} events ({Reason}); dropping {Count} and further batches until it does")]
    public static partial void Failing(ILogger logger, string kind, string reason, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics takes {Kind} events again")]
    public static partial void Recovered(ILogger logger, string kind);
}

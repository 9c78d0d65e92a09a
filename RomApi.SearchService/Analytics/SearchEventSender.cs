using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using RomApi.ServiceDefaults.PlatformAuth;

namespace RomApi.SearchService.Analytics;

/// <summary>
/// Sends queued SEARCH events to the analytics service in batches with a service token. When analytics is down it logs
/// once per outage and drops the batch; no search ever fails for it.
/// </summary>
public sealed partial class SearchEventSender(
    SearchEventQueue queue,
    IHttpClientFactory clients,
    PlatformTokenService tokens,
    IOptions<SearchEventOptions> options,
    TimeProvider time,
    ILogger<SearchEventSender> logger) : BackgroundService
{
    public const string HttpClientName = "analytics";
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var batch = new List<SearchEvent>(settings.BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // A short pause lets a burst of searches share one request.
                await Task.Delay(settings.FlushInterval, time, stoppingToken);
                while (batch.Count < settings.BatchSize && queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }
                await SendAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }

    private async Task SendAsync(IReadOnlyList<SearchEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/events") { Content = JsonContent.Create(new SearchEventBatch(batch)) };
            request.Headers.Add(PlatformTokenService.HeaderName, tokens.Issue(PlatformIdentity.Service("searchservice")));
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                if (_failing)
                {
                    _failing = false;
                    LogRecovered(logger);
                }
                return;
            }
            Failed($"HTTP {(int)response.StatusCode}", batch.Count);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(exception.GetType().Name, batch.Count);
        }
    }

    private void Failed(string reason, int dropped)
    {
        if (!_failing)
        {
            _failing = true;
            LogFailing(logger, reason, dropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics does not take SEARCH events ({Reason}); dropping {Count} and further batches until it does")]
    private static partial void LogFailing(ILogger logger, string reason, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics takes SEARCH events again")]
    private static partial void LogRecovered(ILogger logger);
}

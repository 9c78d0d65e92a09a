using Microsoft.Extensions.Options;
using RomApi.ServiceDefaults.PlatformAuth;
using System.Net.Http.Json;

namespace RomApi.ResourceService.Views;

/// <summary>
/// Sends queued VIEW events to the analytics service in batches, off the request path, with a service token.
/// When analytics is down or not there yet it logs once per outage and drops the batch; no request ever fails for it.
/// </summary>
public sealed partial class ViewEventSender(
    ViewRecorder recorder,
    IHttpClientFactory clients,
    PlatformTokenService tokens,
    IOptions<ViewOptions> options,
    TimeProvider time,
    ILogger<ViewEventSender> logger) : BackgroundService
{
    public const string ClientName = "analytics";
    private const string ServiceName = "resourceservice";
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var batch = new List<ViewEvent>(settings.BatchSize);
        while (await recorder.Reader.WaitToReadAsync(stoppingToken))
        {
            // A short pause lets a burst of reads share one request.
            await Task.Delay(settings.FlushInterval, time, stoppingToken);
            while (batch.Count < settings.BatchSize && recorder.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            await SendAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    private async Task SendAsync(IReadOnlyList<ViewEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/events")
            {
                Content = JsonContent.Create(new ViewEventBatch(batch)),
            };
            request.Headers.Add(PlatformTokenService.HeaderName, tokens.Issue(PlatformIdentity.Service(ServiceName)));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics does not take VIEW events ({Reason}); dropping {Count} and further batches until it does")]
    private static partial void LogFailing(ILogger logger, string reason, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics takes VIEW events again")]
    private static partial void LogRecovered(ILogger logger);
}

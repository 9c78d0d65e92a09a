using Microsoft.Extensions.Options;
using RomApi.Gateway.Downstream;
using RomApi.ServiceDefaults.PlatformAuth;
using System.Net.Http.Json;

namespace RomApi.Gateway.Usage;

/// <summary>
/// Sends buffered usage events to analytics in batches. A batch that fails is kept and retried with growing pauses; meanwhile new
/// events wait in the bounded buffer, so an analytics outage costs memory up to the buffer's size and loses nothing below it.
/// </summary>
public sealed partial class UsageSender(
    UsageBuffer buffer, IHttpClientFactory httpClientFactory, PlatformTokenService tokens, IOptions<UsageOptions> options,
    TimeProvider time, ILogger<UsageSender> logger) : BackgroundService
{
    public const string HttpClientName = "analytics-ingest";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var batch = new List<ApiUsageEvent>(settings.MaxBatchSize);
        while (await buffer.Reader.WaitToReadAsync(stoppingToken))
        {
            using (var fill = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                fill.CancelAfter(settings.MaxBatchDelay);
                try
                {
                    while (batch.Count < settings.MaxBatchSize)
                    {
                        if (buffer.Reader.TryRead(out var next))
                        {
                            batch.Add(next);
                        }
                        else if (!await buffer.Reader.WaitToReadAsync(fill.Token))
                        {
                            break;
                        }
                    }
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // The batch waited long enough; send what it has.
                }
            }
            await SendUntilAcceptedAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    private async Task SendUntilAcceptedAsync(List<ApiUsageEvent> batch, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var client = httpClientFactory.CreateClient(HttpClientName);
                using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{DownstreamServices.AnalyticsService}/internal/events")
                {
                    Content = JsonContent.Create(new ApiUsageBatch(batch), options: System.Text.Json.JsonSerializerOptions.Web),
                };
                request.Headers.Add(PlatformTokenService.HeaderName, tokens.Issue(PlatformIdentity.Service("gateway")));
                using var response = await client.SendAsync(request, stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
                LogRejected(logger, batch.Count, (int)response.StatusCode, attempt);
                if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                {
                    // Analytics refuses the batch as such: retrying cannot help.
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                LogUnreachable(logger, batch.Count, attempt, exception.GetType().Name);
            }
            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.MaxRetryDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics answered {Status} to {Count} usage events (attempt {Attempt})")]
    private static partial void LogRejected(ILogger logger, int count, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics is unreachable; {Count} usage events wait (attempt {Attempt}, {ErrorType})")]
    private static partial void LogUnreachable(ILogger logger, int count, int attempt, string errorType);
}

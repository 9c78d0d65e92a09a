using RomApi.Contracts.Analytics;
using SearchEvent = RomApi.Contracts.Analytics.ServiceEvent<RomApi.Contracts.Analytics.SearchMetadata>;
using RomApi.Platform.Analytics;

namespace RomApi.SearchService.Analytics;

/// <summary>Sends SEARCH events (query, filters, result count, took) to analytics (see <see cref="AnalyticsEventSender{TEvent}"/>).</summary>
public sealed class SearchEventSender(
    SearchEventQueue queue,
    IHttpClientFactory clients,
    PlatformTokenService tokens,
    IOptions<SearchEventOptions> options,
    TimeProvider time,
    ILogger<SearchEventSender> logger)
    : AnalyticsEventSender<SearchEvent>(queue.Reader, new(options.Value.BatchSize, options.Value.FlushInterval),
        ServiceNames.SearchService, EventTypes.Search, clients, tokens, time, logger);

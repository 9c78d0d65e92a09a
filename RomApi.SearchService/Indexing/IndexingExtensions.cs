using RomApi.SearchService.Analytics;

namespace RomApi.SearchService.Indexing;

public static class IndexingExtensions
{
    /// <summary>The change-feed follower (and its state for /health and /metrics) and the SEARCH event sender.</summary>
    public static IHostApplicationBuilder AddIndexing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IndexerOptions>().BindConfiguration(IndexerOptions.SectionName);
        builder.Services.AddSingleton<IndexerState>();
        builder.Services.AddSingleton<ChangeFeedClient>();
        // No resilience handler: the indexer's loop is the retry (a read that fails is read again after Indexer:RetryDelay), and
        // the handler's own log lines (an Information line per attempt, a warning per retry while the resource service starts)
        // were most of what the search service logged.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental.
        builder.Services.AddHttpClient(ChangeFeedClient.HttpClientName, client =>
        {
            client.BaseAddress = ServiceNames.DiscoveryAddress(ServiceNames.ResourceService);
            client.Timeout = TimeSpan.FromSeconds(30);
        }).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<ChangeFeedIndexer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ChangeFeedIndexer>());

        builder.Services.AddOptions<SearchEventOptions>().BindConfiguration(SearchEventOptions.SectionName);
        builder.Services.AddSingleton<SearchEventQueue>();
        builder.Services.AddHttpClient(SearchEventSender.HttpClientName, client =>
            client.BaseAddress = ServiceNames.DiscoveryAddress(ServiceNames.AnalyticsService));
        builder.Services.AddHostedService<SearchEventSender>();
        return builder;
    }
}

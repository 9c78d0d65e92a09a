using RomApi.Platform.Changes;
using RomApi.SearchService.Analytics;

namespace RomApi.SearchService.Indexing;

public static class IndexingExtensions
{
    /// <summary>The change-feed follower (and its state for /health and /metrics) and the SEARCH event sender.</summary>
    public static IHostApplicationBuilder AddIndexing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSettings<IndexerOptions>(IndexerOptions.SectionName);
        builder.Services.AddSingleton<IndexerState>();
        builder.AddChangeFeedClient(ServiceNames.SearchService);
        builder.Services.AddSingleton<ChangeFeedIndexer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ChangeFeedIndexer>());

        builder.Services.AddSettings<SearchEventOptions>(SearchEventOptions.SectionName);
        builder.Services.AddSingleton<SearchEventQueue>();
        builder.Services.AddHttpClient(SearchEventSender.HttpClientName, client =>
            client.BaseAddress = ServiceNames.DiscoveryAddress(ServiceNames.AnalyticsService));
        builder.Services.AddHostedService<SearchEventSender>();
        return builder;
    }
}
